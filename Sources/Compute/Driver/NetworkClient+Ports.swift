import OpenStackAPI

extension NetworkClient {
    /// The ports Networking has for an instance (`ports?device_id=`).
    func ports(of instanceID: String) async throws(ComputeError) -> [JSON] {
        try await get("/v2.0/ports?device_id=\(instanceID)").body["ports"]?.array ?? []
    }

    /// The info cache of an instance: per network name, its fixed addresses and the floating IPs on them.
    func addresses(of instanceID: String) async throws(ComputeError) -> [NetworkAddresses] {
        var result: [NetworkAddresses] = []
        var names: [String: String] = [:]
        for port in try await ports(of: instanceID) {
            guard let portID = port["id"]?.string, let networkID = port["network_id"]?.string else { continue }
            if names[networkID] == nil {
                names[networkID] = try await get("/v2.0/networks/\(networkID)").body["network"]?["name"]?.string ?? networkID
            }
            let mac = port["mac_address"]?.string ?? ""
            var entries: [NetworkAddresses.Address] = []
            for fixed in port["fixed_ips"]?.array ?? [] {
                guard let ip = fixed["ip_address"]?.string else { continue }
                entries.append(.init(version: ip.contains(":") ? 6 : 4, addr: ip, type: "fixed", mac: mac))
            }
            for fip in try await get("/v2.0/floatingips?port_id=\(portID)").body["floatingips"]?.array ?? [] {
                guard let ip = fip["floating_ip_address"]?.string else { continue }
                entries.append(.init(version: ip.contains(":") ? 6 : 4, addr: ip, type: "floating", mac: mac))
            }
            let name = names[networkID] ?? networkID
            if let i = result.firstIndex(where: { $0.network == name }) { result[i].addresses += entries } else {
                result.append(NetworkAddresses(network: name, addresses: entries))
            }
        }
        return result
    }

    /// Adds (or removes) a security group on every port of an instance.
    func changeSecurityGroup(_ groupID: String, add: Bool, instanceID: String) async throws(ComputeError) {
        for port in try await ports(of: instanceID) {
            guard let portID = port["id"]?.string else { continue }
            var groups = (port["security_groups"]?.array ?? []).compactMap(\.string)
            if add { if !groups.contains(groupID) { groups.append(groupID) } } else { groups.removeAll { $0 == groupID } }
            let answer = try await put("/v2.0/ports/\(portID)", ["port": ["security_groups": .array(groups.map(JSON.string))]])
            guard answer.ok else { throw .badRequest("Networking refused the security groups of port \(portID) (\(answer.status)).") }
        }
    }
}
