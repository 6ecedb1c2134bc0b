import Addressing
import OpenStackAPI

/// Subnets: CIDR and pool checks as Neutron's IPAM makes them, the gateway, DNS servers and host routes,
/// and the metadata port's address on each DHCP-enabled IPv4 subnet.
extension NetworkingRules {
    func createSubnet(_ r: SubnetCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<Subnet> {
        guard let networkID = r.networkID else {
            throw .badRequest("Failed to parse request. Required attribute 'network_id' not specified")
        }
        let network = try state.visibleNetwork(networkID, auth)
        let project = try owningProject(r.owner, auth)
        guard state.owns(network.projectID, auth) else { throw .forbidden("create_subnet") }
        guard let version = r.ipVersion else {
            throw .badRequest("Failed to parse request. Required attribute 'ip_version' not specified")
        }
        if network.mtu < Self.minimumMTU(ipVersion: version) { throw Self.mtuTooSmall(networkID, Self.minimumMTU(ipVersion: version)) }
        let pool = try subnetPool(for: r, version: version, networkID: networkID, auth)
        let requested = try r.cidr.map { text throws(NetworkingError) in try Self.parsedCIDR(text, version: version) }
        let net: IPNetwork
        if let pool {
            net = try allocate(from: pool, cidr: requested, prefixLength: r.prefixLength, project: project)
        } else if let requested {
            net = requested
        } else {
            throw .badRequest("Bad subnets request: a cidr or a subnetpool_id must be given.")
        }
        guard net.prefixLength <= (version == 4 ? 30 : 126) || (version == 6 && net.prefixLength <= 127) else {
            throw .invalidInput("Invalid input for cidr. Reason: '\(net)' is too small for a subnet")
        }
        for other in state.subnets(of: networkID) where other.network.overlaps(net) {
            throw .invalidInput("Requested subnet with cidr: \(net) for network: \(networkID) overlaps with another subnet")
        }
        let (ra, mode) = try ipv6Modes(ra: r.ipv6RAMode, mode: r.ipv6AddressMode, version: version, net: net)
        let gateway = try gatewayIP(r.gatewayIP, net: net, default: IPAM.hostRange(net)?.lowerBound)
        let pools = try allocationPools(r.allocationPools, net: net, gateway: gateway) ?? IPAM.defaultPools(net, gateway: gateway)
        let subnet = Subnet(
            id: ids.make(.subnet), projectID: project, networkID: networkID, name: r.name ?? "", ipVersion: version,
            cidr: net.description, gatewayIP: gateway?.description, enableDHCP: r.enableDHCP ?? true,
            allocationPools: pools.map { .init(start: $0.lowerBound.description, end: $0.upperBound.description) },
            dnsNameservers: try nameservers(r.dnsNameservers) ?? [], hostRoutes: try hostRoutes(r.hostRoutes, version: version) ?? [],
            ipv6RAMode: ra, ipv6AddressMode: mode, dhcpServerMAC: Identifiers.mac(),
            std: StandardAttributes(revision: 0, description: r.description ?? ""), subnetPoolID: pool?.id,
            serviceTypes: r.serviceTypes.flatMap { $0.isEmpty ? nil : $0 }, dnsPublishFixedIP: r.dnsPublishFixedIP)
        var batch = Batch()
        batch.subnets = [subnet]
        // A subnet is part of its network: Neutron bumps the network's revision when one is added or removed.
        var changed = network
        changed.std.bumpForChild()
        batch.networks = [changed]
        // A new SLAAC or DHCPv6-stateless subnet gives the network's ports their EUI-64 address in it, as Neutron's
        // `_add_auto_addrs_on_network_ports` (not router interfaces; nor floating IP and metadata ports here).
        if subnet.isAutoAddress {
            for var p in state.ports(of: networkID).sorted(by: { $0.id < $1.id })
            where ![DeviceOwner.routerInterface, DeviceOwner.floatingIP].contains(p.deviceOwner) && !p.isMetadata {
                guard let ip = IPAM.eui64(net, mac: p.macAddress) else { continue }
                p.fixedIPs.append(.init(subnetID: subnet.id, ipAddress: ip.description))
                p.std.bump()
                batch.ports.append(p)
            }
        }
        if var md = state.metadataPort(of: networkID), subnet.enableDHCP, version == 4,
           let ip = IPAM.lowestFree(pools, used: [:]) {
            md.fixedIPs.append(.init(subnetID: subnet.id, ipAddress: ip.description))
            md.std.bump()
            batch.ports = [md]
        }
        return Decision(batch: batch, result: subnet)
    }

    func updateSubnet(_ id: String, _ r: SubnetUpdate, _ auth: AuthContext) throws(NetworkingError) -> Decision<Subnet> {
        var s = try state.visibleSubnet(id, auth)
        guard state.owns(s.projectID, auth) else { throw .forbidden("update_subnet") }
        let net = s.network
        if let v = r.name { s.name = v }
        if let v = r.description { s.std.description = v }
        if r.gatewayIP.isSent {
            let gw = try gatewayIP(r.gatewayIP, net: net, default: nil)
            // A router interface holding the current gateway address keeps it.
            if gw?.description != s.gatewayIP, let current = s.gatewayIP.flatMap(IPAddress.init),
               let holder = state.allocations[s.id]?[current], let port = state.ports[holder], port.isRouterPort {
                throw .conflict("GatewayIpInUse", "Current gateway ip \(current) already in use by port \(holder). Unable to update.")
            }
            if let gw, s.poolRanges.contains(where: { $0.contains(gw) }) {
                throw .conflict("GatewayConflictWithAllocationPools", "Gateway ip \(gw) conflicts with allocation pool \(s.allocationPools.map { "\($0.start)-\($0.end)" }.joined(separator: ", "))")
            }
            s.gatewayIP = gw?.description
        }
        if let pools = try allocationPools(r.allocationPools, net: net, gateway: s.gatewayIP.flatMap(IPAddress.init)) {
            s.allocationPools = pools.map { .init(start: $0.lowerBound.description, end: $0.upperBound.description) }
        }
        if let v = try nameservers(r.dnsNameservers) { s.dnsNameservers = v }
        if let v = try hostRoutes(r.hostRoutes, version: s.ipVersion) { s.hostRoutes = v }
        if let v = r.serviceTypes { s.serviceTypes = v.isEmpty ? nil : v }
        if let v = r.dnsPublishFixedIP { s.dnsPublishFixedIP = v }
        var batch = Batch()
        if let dhcp = r.enableDHCP, dhcp != s.enableDHCP {
            s.enableDHCP = dhcp
            if var md = state.metadataPort(of: s.networkID), s.ipVersion == 4 {
                if dhcp, let ip = IPAM.lowestFree(s.poolRanges, used: state.allocations[id] ?? [:]) {
                    md.fixedIPs.append(.init(subnetID: id, ipAddress: ip.description))
                } else if !dhcp {
                    md.fixedIPs.removeAll { $0.subnetID == id }
                }
                md.std.bump()
                batch.ports.append(md)
            }
            // Ports on the subnet gain or lose their dhcpv4_options.
            batch.ports += state.ports(of: s.networkID).filter { p in !p.isMetadata && p.fixedIPs.contains { $0.subnetID == id } }
        }
        s.std.bump()
        batch.subnets = [s]
        return Decision(batch: batch, result: s)
    }

    func deleteSubnet(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        let s = try state.visibleSubnet(id, auth)
        guard state.owns(s.projectID, auth) else { throw .forbidden("delete_subnet") }
        let users = state.ports(of: s.networkID).filter { p in p.fixedIPs.contains { $0.subnetID == id } }
        // SLAAC and DHCPv6-stateless addresses are derived, not allocated: Neutron removes them from the ports with the
        // subnet; only a router interface keeps such a subnet.
        let blocking = users.filter { s.isAutoAddress ? $0.deviceOwner == DeviceOwner.routerInterface : !DeviceOwner.isNetworkOwned($0.deviceOwner) }
        if !blocking.isEmpty { throw .subnetInUse(id) }
        var batch = Batch()
        batch.deletedSubnets = [id]
        if var network = state.networks[s.networkID] {
            network.std.bumpForChild()
            batch.networks = [network]
        }
        for var p in users {
            p.fixedIPs.removeAll { $0.subnetID == id }
            p.std.bump()
            batch.ports.append(p)
        }
        return Decision(batch: batch, result: ())
    }

    /// The pool a new subnet comes from: the one named, or the default of its IP version with `use_default_subnetpool`.
    /// The subnets of one IP version on a network all come from the same pool (or none).
    private func subnetPool(for r: SubnetCreate, version: Int, networkID: String, _ auth: AuthContext) throws(NetworkingError) -> SubnetPool? {
        var pool: SubnetPool?
        if let id = r.subnetPoolID {
            pool = try state.visibleSubnetPool(id, auth)
        } else if r.useDefaultSubnetPool == true {
            guard let found = state.subnetPools.values.first(where: { $0.isDefault && $0.ipVersion == version }) else {
                throw .badRequest("No default subnetpool found for IPv\(version)")
            }
            pool = found
        }
        if let pool, pool.ipVersion != version {
            throw .invalidInput("Cannot allocate IPv\(version) subnet from IPv\(pool.ipVersion) subnet pool")
        }
        if state.subnets(of: networkID).contains(where: { $0.ipVersion == version && $0.subnetPoolID != pool?.id }) {
            throw NetworkingError(.badRequest, "NetworkSubnetPoolAffinityError",
                                  "Subnets hosted on the same network must be allocated from the same subnet pool.")
        }
        return pool
    }

    /// A subnet CIDR as sent: a valid network of the subnet's IP version (host bits cleared are only recommended).
    private static func parsedCIDR(_ cidrText: String, version: Int) throws(NetworkingError) -> IPNetwork {
        guard let net = IPNetwork(cidrText, strict: false) else {
            throw .invalidInput("Invalid input for cidr. Reason: '\(cidrText)' is not a valid IP subnet")
        }
        if net.description != cidrText, IPNetwork(cidrText) == nil {
            throw .invalidInput("Invalid input for cidr. Reason: '\(cidrText)' isn't a recognized IP subnet cidr, '\(net)' is recommended")
        }
        guard net.version == version else { throw .invalidInput("Cidr \(cidrText) does not match ip_version \(version)") }
        return net
    }

    private func ipv6Modes(ra: String?, mode: String?, version: Int, net: IPNetwork) throws(NetworkingError) -> (String?, String?) {
        let valid: Set<String> = ["slaac", "dhcpv6-stateful", "dhcpv6-stateless"]
        for (name, v) in [("ipv6_ra_mode", ra), ("ipv6_address_mode", mode)] {
            guard let v else { continue }
            guard version == 6 else { throw .invalidInput("\(name) is not valid when ip_version is 4") }
            guard valid.contains(v) else { throw .invalidInput("Invalid input for \(name). Reason: '\(v)' is not in \(valid.sorted())") }
        }
        if let ra, let mode, ra != mode {
            throw .invalidInput("ipv6_ra_mode set to '\(ra)' with ipv6_address_mode set to '\(mode)' is not valid. If both attributes are set, they must be the same value")
        }
        if let m = mode ?? ra, m != "dhcpv6-stateful", net.prefixLength != 64 {
            throw .invalidInput("Invalid CIDR \(net) for IPv6 address mode. OpenStack uses the EUI-64 address format, which requires the prefix to be /64")
        }
        return (ra, mode)
    }

    private func gatewayIP(_ sent: Sent<IPAddress>, net: IPNetwork, default fallback: IPAddress?) throws(NetworkingError) -> IPAddress? {
        switch sent {
        case .absent: return fallback
        case .null: return nil
        case .value(let ip):
            guard ip.version == net.version else {
                throw .invalidInput("Invalid input for gateway_ip. Reason: '\(ip)' is not a valid IP address")
            }
            guard net.contains(ip), ip != net.first, !(net.version == 4 && ip == net.last && net.prefixLength < 31) else {
                throw .invalidInput("Gateway is not valid on subnet")
            }
            return ip
        }
    }

    private func allocationPools(_ requested: [AddressRange]?, net: IPNetwork, gateway: IPAddress?) throws(NetworkingError) -> [ClosedRange<IPAddress>]? {
        guard let requested else { return nil }
        var pools: [ClosedRange<IPAddress>] = []
        for item in requested {
            let start = item.start, end = item.end
            guard start.version == net.version, end.version == net.version, start <= end else {
                throw .badRequest("The allocation pool \(start)-\(end) is not valid.")
            }
            guard let hosts = IPAM.hostRange(net), hosts.contains(start), hosts.contains(end) else {
                throw .badRequest("The allocation pool \(start)-\(end) spans beyond the subnet cidr \(net).")
            }
            if let overlap = pools.first(where: { $0.overlaps(start...end) }) {
                throw .badRequest("Found overlapping allocation pools: \(overlap.lowerBound)-\(overlap.upperBound) and \(start)-\(end) for subnet \(net).")
            }
            if let gateway, (start...end).contains(gateway) {
                throw .conflict("GatewayConflictWithAllocationPools", "Gateway ip \(gateway) conflicts with allocation pool \(start)-\(end)")
            }
            pools.append(start...end)
        }
        return pools.sorted { $0.lowerBound < $1.lowerBound }
    }

    private func nameservers(_ list: [String]?) throws(NetworkingError) -> [String]? {
        guard let list else { return nil }
        guard list.count <= 5 else { throw .badRequest("Number of DNS nameservers exceeds the limit 5.") }
        var seen = Set<String>()
        for s in list {
            guard IPAddress(s) != nil else { throw .invalidInput("Invalid input for dns_nameservers. Reason: '\(s)' is not a valid nameserver. '\(s)' is not a valid IP address") }
            guard seen.insert(s).inserted else { throw .invalidInput("Invalid input for dns_nameservers. Reason: Duplicate nameserver '\(s)'") }
        }
        return list
    }

    private func hostRoutes(_ items: [HostRouteRequest]?, version: Int) throws(NetworkingError) -> [Subnet.HostRoute]? {
        guard let items else { return nil }
        guard items.count <= 20 else { throw .badRequest("Number of host routes exceeds the limit 20.") }
        var routes: [Subnet.HostRoute] = []
        for item in items {
            let route = Subnet.HostRoute(destination: item.destination.description, nexthop: item.nexthop.description)
            guard item.destination.version == version, item.nexthop.version == version else {
                throw .invalidInput("Invalid input for host_routes. Reason: '\(route.destination) via \(route.nexthop)' is not a valid host route")
            }
            guard !routes.contains(route) else {
                throw .invalidInput("Invalid input for host_routes. Reason: Duplicate hostroute '\(route.destination) via \(route.nexthop)'")
            }
            routes.append(route)
        }
        return routes
    }
}

extension Subnet {
    /// The allocation pools as address ranges.
    var poolRanges: [ClosedRange<IPAddress>] {
        allocationPools.compactMap { p in
            guard let s = IPAddress(p.start), let e = IPAddress(p.end), s <= e else { return nil }
            return s...e
        }
    }
}
