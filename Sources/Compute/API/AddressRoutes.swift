import Hummingbird
import OpenStackAPI

/// `/servers/{id}/ips[/{network}]`: the info cache's addresses (plain `{version, addr}` entries, as Nova's ips API).
struct AddressRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        let store = store
        router.get("/v2.1/servers/:id/ips") { _, context in
            let instance = try await store.instance(try context.parameters.require("id"), try FlavorRoutes.caller(context))
            return JSONResponse.make(status: 200, body: ["addresses": ServerView.addresses(instance, extended: false)])
        }
        router.get("/v2.1/servers/:id/ips/:network") { _, context in
            let network = try context.parameters.require("network")
            let instance = try await store.instance(try context.parameters.require("id"), try FlavorRoutes.caller(context))
            guard let addresses = ServerView.addresses(instance, extended: false)[network] else {
                throw ComputeError.notFound("Network \(network) could not be found.")
            }
            return JSONResponse.make(status: 200, body: .object([network: addresses]))
        }
    }
}
