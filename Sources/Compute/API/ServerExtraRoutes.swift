import Hummingbird
import OpenStackAPI

/// `os-interface` (list, show) and `os-server-password` (get, clear) of a server.
struct ServerExtraRoutes {
    let store: ComputeStore
    let drivers: Drivers

    func add(to router: Router<APIRequestContext>) {
        let store = store, drivers = drivers
        router.get("/v2.1/servers/:id/os-interface") { _, context in
            let id = try context.parameters.require("id")
            _ = try await store.instance(id, try FlavorRoutes.caller(context))
            let ports = try await drivers.networks.ports(of: id)
            return JSONResponse.make(status: 200, body: ["interfaceAttachments": .array(ports.map(Self.attachment))])
        }
        router.get("/v2.1/servers/:id/os-interface/:port") { _, context in
            let id = try context.parameters.require("id"), portID = try context.parameters.require("port")
            _ = try await store.instance(id, try FlavorRoutes.caller(context))
            guard let port = try await drivers.networks.ports(of: id).first(where: { $0["id"]?.string == portID }) else {
                throw ComputeError.notFound("Instance \(id) is not attached to port \(portID).")
            }
            return JSONResponse.make(status: 200, body: ["interfaceAttachment": Self.attachment(port)])
        }
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

    /// A port as Nova's `interfaceAttachment`.
    static func attachment(_ port: JSON) -> JSON {
        let ips: [JSON] = (port["fixed_ips"]?.array ?? []).map { ["subnet_id": $0["subnet_id"] ?? .null, "ip_address": $0["ip_address"] ?? .null] }
        return ["port_state": port["status"] ?? .null, "fixed_ips": .array(ips), "port_id": port["id"] ?? .null,
                "net_id": port["network_id"] ?? .null, "mac_addr": port["mac_address"] ?? .null]
    }
}
