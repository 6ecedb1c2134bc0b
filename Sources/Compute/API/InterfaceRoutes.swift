import Hummingbird
import OpenStackAPI

/// `os-interface` of a server: list and show (from Networking's ports of the instance), attach (a port or a
/// network added to the instance's requested networks; the agent makes the change, the answer waits for the port)
/// and detach (removed from the requested networks; the agent unplugs and deletes what it created).
struct InterfaceRoutes {
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
        router.post("/v2.1/servers/:id/os-interface") { request, context in
            let caller = try FlavorRoutes.caller(context), id = try context.parameters.require("id")
            let entry = try Self.decode(try await request.jsonObject(context: context))
            let instance = try await store.instance(id, caller)
            guard instance.host != nil, [.active, .stopped].contains(instance.vmState), instance.taskState == nil else {
                throw ComputeError.invalidState("attach_interface", id, vmState: instance.vmState.rawValue)
            }
            let before = Set(try await drivers.networks.ports(of: id).compactMap { $0["id"]?.string })
            let requested = try await drivers.networks.resolve(.list([entry]), for: caller)
            _ = try await store.changeInstance(id, caller) { $0.requestedNetworks += requested }
            guard let wanted = requested.first else { throw ComputeError.badRequest("Nothing to attach.") }
            for _ in 0..<60 {
                let ports = try await drivers.networks.ports(of: id)
                let port = ports.first { port in
                    guard let portID = port["id"]?.string else { return false }
                    return wanted.portID.map { $0 == portID } ?? (!before.contains(portID) && port["network_id"]?.string == wanted.networkID)
                }
                if let port { return JSONResponse.make(status: 200, body: ["interfaceAttachment": Self.attachment(port)]) }
                try await Task.sleep(for: .milliseconds(500))
            }
            throw ComputeError.conflict("The interface of instance \(id) was requested, but its agent did not plug it within 30 seconds.")
        }
        router.delete("/v2.1/servers/:id/os-interface/:port") { _, context in
            let caller = try FlavorRoutes.caller(context), id = try context.parameters.require("id"), portID = try context.parameters.require("port")
            _ = try await store.instance(id, caller)
            guard let port = try await drivers.networks.ports(of: id).first(where: { $0["id"]?.string == portID }) else {
                throw ComputeError.notFound("Port \(portID) is not attached")
            }
            let networkID = port["network_id"]?.string
            let ips = Set((port["fixed_ips"]?.array ?? []).compactMap { $0["ip_address"]?.string })
            _ = try await store.changeInstance(id, caller) { instance in
                let requested = instance.requestedNetworks
                let index = requested.firstIndex { $0.portID == portID }
                    ?? requested.firstIndex { $0.portID == nil && $0.networkID == networkID && $0.fixedIP.map(ips.contains) == true }
                    ?? requested.firstIndex { $0.portID == nil && $0.networkID == networkID && $0.fixedIP == nil }
                if let index { instance.requestedNetworks.remove(at: index) }
            }
            return JSONResponse.empty(status: 202)
        }
    }

    /// `{"interfaceAttachment": {"port_id"} | {"net_id", "fixed_ips": [{"ip_address"}]}}`.
    static func decode(_ body: JSONObject) throws(ComputeError) -> ServerCreate.Entry {
        let a = try BodyFields.resource(body, "interfaceAttachment")
        let port = try a.string("port_id"), network = try a.string("net_id")
        let fixed = a.object["fixed_ips"]?.array?.first?["ip_address"]?.string
        guard (port == nil) != (network == nil) else { throw .badRequest("Must input network_id or port_id, not both.") }
        if let id = port ?? network, !UUIDText.isValid(id) { throw BodyFields.invalid(port != nil ? "port_id" : "net_id", "\(id) is not a 'uuid'") }
        if let fixed, !IPText.isValid(fixed) { throw .badRequest("Invalid fixed IP address (\(fixed))") }
        return ServerCreate.Entry(uuid: network, port: port, fixedIP: fixed)
    }

    /// A port as Nova's `interfaceAttachment`.
    static func attachment(_ port: JSON) -> JSON {
        let ips: [JSON] = (port["fixed_ips"]?.array ?? []).map { ["subnet_id": $0["subnet_id"] ?? .null, "ip_address": $0["ip_address"] ?? .null] }
        return ["port_state": port["status"] ?? .null, "fixed_ips": .array(ips), "port_id": port["id"] ?? .null,
                "net_id": port["network_id"] ?? .null, "mac_addr": port["mac_address"] ?? .null]
    }
}
