import OpenStackAPI

/// The agent contract's bodies: host answers, instance specs, status reports.
enum AgentView {
    static func host(_ h: ComputeHost) -> JSON {
        ["host": .string(h.name), "id": .int(h.id), "hypervisor_hostname": .string(h.hypervisorHostname),
         "availability_zone": .string(h.availabilityZone), "vcpus": .int(h.vcpus), "memory_mb": .int(h.memoryMB),
         "local_gb": .int(h.localGB), "agent_url": .string(h.agentURL), "host_ip": .string(h.hostIP)]
    }

    static func spec(_ i: Instance) -> JSON {
        let networks: [JSON] = i.requestedNetworks.map { n in
            if let port = n.portID { return ["port_id": .string(port)] }
            var entry: JSONObject = ["network_id": .optional(n.networkID)]
            if let ip = n.fixedIP { entry["fixed_ip"] = .string(ip) }
            return .object(entry)
        }
        return ["id": .string(i.id), "name": .string(i.name), "hostname": .string(i.hostname), "project_id": .string(i.projectID),
                "user_id": .string(i.userID), "availability_zone": .string(i.availabilityZone ?? "nova"), "desired": .string(i.desired.rawValue),
                "generation": .int(i.generation), "action": .optional(i.action), "image_id": .string(i.imageID),
                "flavor": ["vcpus": .int(i.flavor.vcpus), "ram": .int(i.flavor.ram), "disk": .int(i.flavor.disk)],
                "key_data": .optional(i.keyData), "user_data": .optional(i.userData), "metadata": ServerView.metadata(i.metadata),
                "requested_networks": .array(networks), "security_groups": .array(i.securityGroupsForNewPorts.map { .string($0.id) }),
                "ports": .array(i.ports.map { ["port_id": .string($0.portID), "created": .bool($0.created)] })]
    }

    static func state(_ i: Instance) -> JSON {
        ["id": .string(i.id), "status": .string(i.status), "vm_state": .string(i.vmState.rawValue), "task_state": .optional(i.taskState),
         "power_state": .int(i.powerState), "generation": .int(i.generation)]
    }

    static func report(_ s: BodyFields) throws(ComputeError) -> StatusReport {
        guard let power = try s.int("power_state", in: 0...7) else { throw BodyFields.invalid("power_state", "'power_state' is required") }
        var ports: [PortReport]?
        if let list = s.object["ports"]?.array {
            ports = try list.map { item throws(ComputeError) in
                guard let id = item["port_id"]?.string else { throw BodyFields.invalid("ports", "\(item.text) has no 'port_id'") }
                return PortReport(portID: id, created: item["created"]?.bool ?? false)
            }
        }
        var fault: (message: String, details: String?)?
        if let f = s.object["fault"], !f.isNull {
            fault = (f["message"]?.string ?? "Unknown error", f["details"]?.string)
        }
        return StatusReport(powerState: power, generation: try s.int("generation", in: 0...Int(Int32.max)) ?? 0, ports: ports,
                            fault: fault, deleted: try s.bool("deleted") ?? false)
    }
}
