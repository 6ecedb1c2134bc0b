import OpenStackAPI

/// The instance's ports in Networking, as nova-compute handles them: create one per requested network (or
/// take the user's port), bind it to this host with the instance as its device, and at the end delete the
/// ports it created and unbind the others.
struct InstancePorts: Sendable {
    let client: ServiceClient
    let configuration: AgentConfiguration

    private var ports: String { configuration.networkURL + "/v2.0/ports" }

    /// Creates or binds the port of one requested NIC; answers its NIC record (without the guest name).
    func bind(_ request: InstanceSpec.RequestedNetwork, for spec: InstanceSpec) async throws -> LocalInstance.NIC {
        var binding: JSONObject = [
            "device_id": .string(spec.id), "device_owner": .string("compute:\(spec.availabilityZone)"),
            "binding:host_id": .string(configuration.host),
        ]
        let answer: ServiceClient.Answer
        let created: Bool
        if let portID = request.portID {
            answer = try await client.call(.PUT, "\(ports)/\(portID)", body: ["port": .object(binding)])
            created = false
        } else if let network = request.networkID {
            binding["network_id"] = .string(network)
            binding["tenant_id"] = .string(spec.projectID)
            binding["admin_state_up"] = true
            if !spec.securityGroups.isEmpty { binding["security_groups"] = .array(spec.securityGroups.map(JSON.string)) }
            if let ip = request.fixedIP { binding["fixed_ips"] = [["ip_address": .string(ip)]] }
            answer = try await client.call(.POST, ports, body: ["port": .object(binding)])
            created = true
        } else {
            throw AgentError.network("a requested NIC names neither a network nor a port")
        }
        guard answer.ok, let port = answer.body["port"], let id = port["id"]?.string, let mac = port["mac_address"]?.string,
              let network = port["network_id"]?.string else {
            throw AgentError.network("port \(request.portID ?? "on network \(request.networkID ?? "?")") answered \(answer.status): \(Self.message(answer))")
        }
        return LocalInstance.NIC(portID: id, created: created, networkID: network, mac: mac, mtu: try await mtu(of: network), guestName: "")
    }

    /// The ports Networking has for this instance (`device_id`), also those a crash kept from the record.
    func listed(for instanceID: String) async throws -> [String] {
        let answer = try await client.call(.GET, "\(ports)?device_id=\(instanceID)&fields=id")
        return answer.body["ports"]?.array?.compactMap { $0["id"]?.string } ?? []
    }

    /// Deletes a port Compute created; unbinds and frees one the user brought. A port already gone is fine.
    func release(_ portID: String, created: Bool) async throws {
        let answer = created
            ? try await client.call(.DELETE, "\(ports)/\(portID)")
            : try await client.call(.PUT, "\(ports)/\(portID)", body: ["port": [
                "device_id": "", "device_owner": "", "binding:host_id": ""]])
        guard answer.ok || answer.status == 404 else {
            throw AgentError.network("releasing port \(portID) answered \(answer.status): \(Self.message(answer))")
        }
    }

    private func mtu(of network: String) async throws -> Int {
        let answer = try await client.call(.GET, "\(configuration.networkURL)/v2.0/networks/\(network)")
        return answer.body["network"]?["mtu"]?.int ?? 1500
    }

    static func message(_ answer: ServiceClient.Answer) -> String {
        answer.body["NeutronError"]?["message"]?.string ?? "no message"
    }
}
