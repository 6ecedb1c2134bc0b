import Addressing

/// A port's fixed IPs: the default allocation, and requested subnets or addresses checked and allocated.
extension NetworkingRules {
    /// As Neutron's IPAM: one address from an IPv4 subnet with room, one from a DHCPv6-stateful (or mode-less) IPv6
    /// subnet with room, and the EUI-64 address of every SLAAC and DHCPv6-stateless subnet.
    /// Only subnets serving `deviceOwner` are taken (`subnet-service-types`), those naming it first.
    func defaultAddresses(network: Network, mac: String, deviceOwner: String) throws(NetworkingError) -> [Port.FixedIP] {
        let subnets = try servingSubnets(state.subnets(of: network.id), deviceOwner: deviceOwner, network: network.id)
        var out: [Port.FixedIP] = []
        for version in [4, 6] {
            let allocated = subnets.filter { $0.ipVersion == version && !$0.isAutoAddress }
            guard !allocated.isEmpty else { continue }
            let free = allocated.lazy.compactMap { s in
                IPAM.randomFree(s.poolRanges, used: state.allocations[s.id] ?? [:]).map { Port.FixedIP(subnetID: s.id, ipAddress: $0.description) }
            }.first
            guard let free else { throw .poolExhausted(network: network.id) }
            out.append(free)
        }
        // Router interfaces take no derived addresses (Neutron's `is_router_port` in its IPAM).
        guard deviceOwner != DeviceOwner.routerInterface else { return out }
        for s in subnets where s.isAutoAddress {
            if let ip = IPAM.eui64(s.network, mac: mac) { out.append(.init(subnetID: s.id, ipAddress: ip.description)) }
        }
        return out
    }

    /// The subnets among `subnets` that serve `deviceOwner`, those naming it first (Neutron's candidate subnets);
    /// 400 `IpAddressGenerationFailureNoMatchingSubnet` when there are subnets but none serves it.
    func servingSubnets(_ subnets: [Subnet], deviceOwner: String, network: String) throws(NetworkingError) -> [Subnet] {
        let serving = subnets.filter { $0.serves(deviceOwner) }
        if serving.isEmpty, !subnets.isEmpty {
            throw NetworkingError(.badRequest, "IpAddressGenerationFailureNoMatchingSubnet",
                                  "No valid service subnet for the given device owner, network \(network), service type \(deviceOwner).")
        }
        return serving.filter { !$0.services.isEmpty } + serving.filter { $0.services.isEmpty }
    }

    /// The requested `fixed_ips`: a subnet, an address, or both per entry; addresses checked and allocated.
    func fixedIPs(_ requests: [FixedIPRequest], network: Network, port: Port) throws(NetworkingError) -> [Port.FixedIP] {
        var out: [Port.FixedIP] = []
        var taken: [String: [IPAddress: String]] = [:]
        let own = Set(port.fixedIPs.map(\.ipAddress))
        for request in requests {
            let ip = request.ipAddress
            var subnet: Subnet
            if let subnetID = request.subnetID {
                // A subnet whose service types leave the port's device owner out is not one the port may use.
                guard let s = state.subnets[subnetID], s.networkID == network.id, s.serves(port.deviceOwner) else {
                    throw .invalidInput("Failed to create port on network \(network.id), because fixed_ips included invalid subnet \(subnetID)")
                }
                subnet = s
                if let ip, !s.network.contains(ip) { throw .invalidIPForSubnet(ip.description) }
            } else if let ip {
                guard let s = state.subnets(of: network.id).first(where: { $0.network.contains(ip) && $0.serves(port.deviceOwner) }) else {
                    throw NetworkingError(.badRequest, "InvalidIpForNetwork", "IP address \(ip) is not a valid IP for any of the subnets on the specified network.")
                }
                subnet = s
            } else {
                throw .invalidInput("Invalid input for fixed_ips. Reason: an entry needs a subnet_id or an ip_address")
            }
            var used = state.allocations[subnet.id] ?? [:]
            for (k, v) in taken[subnet.id] ?? [:] { used[k] = v }
            if let ip {
                let mine = own.contains(ip.description) && used[ip] == port.id
                // Any port may take the gateway address, as in Neutron: that is how a router interface is made by port.
                if !mine, used[ip] != nil {
                    throw .ipInUse(ip.description, subnet: subnet.id)
                }
                guard ip != subnet.network.first, !(subnet.ipVersion == 4 && ip == subnet.network.last) else {
                    throw .invalidIPForSubnet(ip.description)
                }
                out.append(.init(subnetID: subnet.id, ipAddress: ip.description))
                taken[subnet.id, default: [:]][ip] = port.id
            } else if subnet.isAutoAddress, let auto = IPAM.eui64(subnet.network, mac: port.macAddress) {
                out.append(.init(subnetID: subnet.id, ipAddress: auto.description))
            } else {
                if let existing = port.fixedIPs.first(where: { $0.subnetID == subnet.id && !out.contains($0) }) {
                    out.append(existing)
                    continue
                }
                guard let free = IPAM.randomFree(subnet.poolRanges, used: used) else { throw .poolExhausted(network: network.id) }
                out.append(.init(subnetID: subnet.id, ipAddress: free.description))
                taken[subnet.id, default: [:]][free] = port.id
            }
        }
        return out
    }
}
