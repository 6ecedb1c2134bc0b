import Hummingbird
import OpenStackAPI

/// `os-server-password` (get, clear) of a server.
struct PasswordRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        let store = store
        router.get("/v2.1/servers/:id/os-server-password") { _, context in
            let instance = try await store.instance(try context.parameters.require("id"), try FlavorRoutes.caller(context))
            return JSONResponse.make(status: 200, body: ["password": .string(instance.password)])
        }
        router.delete("/v2.1/servers/:id/os-server-password") { _, context in
            let id = try context.parameters.require("id")
            _ = try await store.instance(id, try FlavorRoutes.caller(context))
            try await store.setPassword(id, "")
            return JSONResponse.empty(status: 204)
        }
    }
}
