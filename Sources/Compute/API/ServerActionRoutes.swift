import Hummingbird
import OpenStackAPI

/// `POST /servers/{id}/action`: os-start, os-stop, reboot, rebuild, os-getConsoleOutput, add/removeSecurityGroup;
/// lock, unlock, os-resetState, forceDelete and restore in ``ServerStateActions``. Each change is recorded as an
/// instance action under the request's id.
struct ServerActionRoutes {
    let store: ComputeStore
    let drivers: Drivers

    func add(to router: Router<APIRequestContext>) {
        let store = store, drivers = drivers
        router.post("/v2.1/servers/:id/action") { request, context in
            let auth = try context.requireAuth(), caller = Caller(auth), id = try context.parameters.require("id")
            let body = try await request.jsonObject(context: context)
            guard body.count == 1, let action = body.members.first else {
                throw ComputeError.badRequest("There is no such action: \(body.keys.joined(separator: ", "))")
            }
            let name = action.key, value = action.value, requestID = context.requestID
            let states = ServerStateActions(store: store, caller: caller, id: id, requestID: requestID)
            if let response = try await states.handle(name, value) { return response }
            switch name {
            case "os-start", "os-stop":
                let action: ServerAction = name == "os-start" ? .start : .stop
                _ = try await store.changeInstance(id, caller) { instance throws(ComputeError) in
                    try ServerRules.apply(action, to: &instance, by: caller)
                    instance.record(action.name, requestID: requestID, caller: caller)
                }
                return JSONResponse.empty(status: 202)
            case "reboot":
                let type = value["type"]?.string?.uppercased()
                guard type == "SOFT" || type == "HARD" else { throw BodyFields.invalid("type", "\(value.text). 'type' must be SOFT or HARD") }
                let hard = type == "HARD"
                _ = try await store.changeInstance(id, caller) { instance throws(ComputeError) in
                    try ServerRules.apply(.reboot(hard: hard), to: &instance, by: caller)
                    instance.record("reboot", requestID: requestID, caller: caller)
                }
                return JSONResponse.empty(status: 202)
            case "rebuild":
                guard let object = value.object else { throw BodyFields.invalid("rebuild", "\(value.text) is not of type 'object'") }
                let fields = BodyFields(object, path: "rebuild")
                guard let imageRef = try fields.string("imageRef") else { throw BodyFields.invalid("imageRef", "'imageRef' is a required property") }
                let newName = try fields.string("name", trimmed: true), metadata = try fields.stringMap("metadata")
                let v4 = try ServerDecoding.accessIP(fields, "accessIPv4"), v6 = try ServerDecoding.accessIP(fields, "accessIPv6")
                if let metadata { try ServerRules.checkMetadata(metadata) }
                _ = try await store.instance(id, caller)
                let image = try await drivers.images.image(imageRef, for: caller)
                let instance = try await store.changeInstance(id, caller) { instance throws(ComputeError) in
                    try ServerRules.apply(.rebuild(image: image, name: newName, metadata: metadata), to: &instance, by: caller)
                    if let v4 { instance.accessIPv4 = v4 }
                    if let v6 { instance.accessIPv6 = v6 }
                    instance.record("rebuild", requestID: requestID, caller: caller)
                }
                var server = ServerView.basic(instance, base: context.baseURL).object ?? [:]
                server["adminPass"] = .string(try fields.string("adminPass", allowEmpty: true) ?? ServerRoutes.password())
                return JSONResponse.make(status: 202, body: ["server": .object(server)])
            case "os-getConsoleOutput":
                let length = try BodyFields(value.object ?? [:], path: name).int("length", in: -1...Int(Int32.max))
                let instance = try await store.instance(id, caller)
                guard let hostName = instance.host, let host = await store.host(named: hostName), instance.vmState != .building else {
                    throw ComputeError.conflict("Cannot 'get_console_output' instance \(id) while it is in vm_state \(instance.vmState.rawValue)")
                }
                guard let output = try await drivers.agents.console(host.agentURL, instance: id, length: length.flatMap { $0 < 0 ? nil : $0 }) else {
                    throw ComputeError.notFound("Guest does not have a console available.")
                }
                return JSONResponse.make(status: 200, body: ["output": .string(output)])
            case "addSecurityGroup", "removeSecurityGroup":
                guard let group = value["name"]?.string, !group.isEmpty else { throw BodyFields.invalid("name", "'name' is a required property") }
                let add = name == "addSecurityGroup"
                let instance = try await store.instance(id, caller)
                let ref = try await drivers.networks.securityGroup(group, caller)
                if add, instance.securityGroups.contains(ref) { return JSONResponse.empty(status: 202) }
                if !add, !instance.securityGroups.contains(ref) {
                    throw ComputeError.notFound("Security group \(group) not associated with the instance \(id)")
                }
                try await drivers.networks.changeSecurityGroup(ref.id, add: add, instanceID: id)
                _ = try await store.changeInstance(id, caller) { instance in
                    if add { instance.securityGroups.append(ref) } else { instance.securityGroups.removeAll { $0 == ref } }
                }
                return JSONResponse.empty(status: 202)
            default:
                throw ComputeError.badRequest("There is no such action: \(name)")
            }
        }
    }
}
