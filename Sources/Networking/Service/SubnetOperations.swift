import Addressing
import OpenStackAPI

/// `/v2.0/subnets`.
extension NetworkingCore {
    static let subnetRules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "network_id": .init(post: true, put: false), "ip_version": .init(post: true, put: false),
        "cidr": .init(post: true, put: false), "gateway_ip": .init(post: true, put: true), "enable_dhcp": .init(post: true, put: true),
        "allocation_pools": .init(post: true, put: true), "dns_nameservers": .init(post: true, put: true),
        "host_routes": .init(post: true, put: true), "ipv6_ra_mode": .init(post: true, put: false),
        "ipv6_address_mode": .init(post: true, put: false), "description": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        "subnetpool_id": .init(post: true, put: false), "service_types": .init(post: true, put: true),
    ]

    public func listSubnets(_ auth: AuthContext) -> [JSONObject] {
        state.subnets.values.filter { canSee($0, auth) }.map(Representation.subnet)
    }

    public func showSubnet(_ id: String, _ auth: AuthContext) throws -> JSONObject {
        Representation.subnet(try visibleSubnet(id, auth))
    }

    public func createSubnet(_ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        let a = try Attributes(body, resource: "subnet", rules: Self.subnetRules, create: true)
        guard let networkID = try a.string("network_id") else {
            throw NeutronErrors.badRequest("Failed to parse request. Required attribute 'network_id' not specified")
        }
        let network = try visibleNetwork(networkID, auth)
        let project = try owningProject(a, auth, resource: "subnet")
        guard owns(network.projectID, auth) else { throw NeutronErrors.forbidden("create_subnet") }
        if try a.string("subnetpool_id", nullable: true) != nil { throw NeutronErrors.badRequest("Subnet pools are not supported.") }
        if let types = try a.strings("service_types"), !types.isEmpty { throw NeutronErrors.badRequest("Service types are not supported.") }
        guard let versionValue = try a.int("ip_version", nullable: false), let version = versionValue, version == 4 || version == 6 else {
            if a.has("ip_version") { throw NeutronErrors.invalidInput("Invalid input for ip_version. Reason: '\(a.value("ip_version")!.text)' is not in [4, 6]") }
            throw NeutronErrors.badRequest("Failed to parse request. Required attribute 'ip_version' not specified")
        }
        guard let cidrText = try a.string("cidr") else {
            throw NeutronErrors.badRequest("Bad subnets request: a cidr or a subnetpool_id must be given.")
        }
        guard let net = IPNetwork(cidrText, strict: false) else {
            throw NeutronErrors.invalidInput("Invalid input for cidr. Reason: '\(cidrText)' is not a valid IP subnet")
        }
        if net.description != cidrText, IPNetwork(cidrText) == nil {
            throw NeutronErrors.invalidInput("Invalid input for cidr. Reason: '\(cidrText)' isn't a recognized IP subnet cidr, '\(net)' is recommended")
        }
        guard net.version == version else { throw NeutronErrors.invalidInput("Cidr \(cidrText) does not match ip_version \(version)") }
        guard net.prefixLength <= (version == 4 ? 30 : 126) || (version == 6 && net.prefixLength <= 127) else {
            throw NeutronErrors.invalidInput("Invalid input for cidr. Reason: '\(cidrText)' is too small for a subnet")
        }
        for other in state.subnets(of: networkID) where other.network.overlaps(net) {
            throw NeutronErrors.invalidInput("Requested subnet with cidr: \(net) for network: \(networkID) overlaps with another subnet")
        }
        let (ra, mode) = try ipv6Modes(a, version: version, net: net)
        let gateway = try gatewayIP(a, net: net, default: IPAM.hostRange(net)?.lowerBound)
        let pools = try allocationPools(a, net: net, gateway: gateway) ?? IPAM.defaultPools(net, gateway: gateway)
        var subnet = Subnet(
            id: ids.make(.subnet), projectID: project, networkID: networkID, name: try a.string("name") ?? "", ipVersion: version,
            cidr: net.description, gatewayIP: gateway?.description, enableDHCP: try a.bool("enable_dhcp") ?? true,
            allocationPools: pools.map { .init(start: $0.lowerBound.description, end: $0.upperBound.description) },
            dnsNameservers: [], hostRoutes: [], ipv6RAMode: ra, ipv6AddressMode: mode, dhcpServerMAC: Identifiers.mac(),
            std: StandardAttributes(revision: 0, description: try a.string("description") ?? ""))
        subnet.dnsNameservers = try nameservers(a, version: version) ?? []
        subnet.hostRoutes = try hostRoutes(a, version: version) ?? []
        var batch = Batch()
        batch.subnets = [subnet]
        if var md = state.metadataPort(of: networkID), subnet.enableDHCP, version == 4,
           let ip = IPAM.lowestFree(pools, used: [:]) {
            md.fixedIPs.append(.init(subnetID: subnet.id, ipAddress: ip.description))
            md.std.bump()
            batch.ports = [md]
        }
        try await commit(batch)
        return Representation.subnet(subnet)
    }

    public func updateSubnet(_ id: String, _ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        var s = try visibleSubnet(id, auth)
        let a = try Attributes(body, resource: "subnet", rules: Self.subnetRules, create: false)
        guard owns(s.projectID, auth) else { throw NeutronErrors.forbidden("update_subnet") }
        let net = s.network
        if let v = try a.string("name") { s.name = v }
        if let v = try a.string("description") { s.std.description = v }
        if a.has("gateway_ip") {
            let gw = try gatewayIP(a, net: net, default: nil)
            if let gw, s.poolRanges.contains(where: { $0.contains(gw) }) {
                throw NeutronErrors.conflict("GatewayConflictWithAllocationPools", "Gateway ip \(gw) conflicts with allocation pool \(s.allocationPools.map { "\($0.start)-\($0.end)" }.joined(separator: ", "))")
            }
            s.gatewayIP = gw?.description
        }
        if let pools = try allocationPools(a, net: net, gateway: s.gatewayIP.flatMap(IPAddress.init)) {
            s.allocationPools = pools.map { .init(start: $0.lowerBound.description, end: $0.upperBound.description) }
        }
        if let v = try nameservers(a, version: s.ipVersion) { s.dnsNameservers = v }
        if let v = try hostRoutes(a, version: s.ipVersion) { s.hostRoutes = v }
        var batch = Batch()
        if let dhcp = try a.bool("enable_dhcp"), dhcp != s.enableDHCP {
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
        try await commit(batch)
        return Representation.subnet(s)
    }

    public func deleteSubnet(_ id: String, _ auth: AuthContext) async throws {
        let s = try visibleSubnet(id, auth)
        guard owns(s.projectID, auth) else { throw NeutronErrors.forbidden("delete_subnet") }
        let users = state.ports(of: s.networkID).filter { p in p.fixedIPs.contains { $0.subnetID == id } }
        if users.contains(where: { !DeviceOwner.isNetworkOwned($0.deviceOwner) }) { throw NeutronErrors.subnetInUse(id) }
        var batch = Batch()
        batch.deletedSubnets = [id]
        for var p in users {
            p.fixedIPs.removeAll { $0.subnetID == id }
            p.std.bump()
            batch.ports.append(p)
        }
        try await commit(batch)
    }

    private func ipv6Modes(_ a: Attributes, version: Int, net: IPNetwork) throws(APIError) -> (String?, String?) {
        let valid: Set<String> = ["slaac", "dhcpv6-stateful", "dhcpv6-stateless"]
        let ra = try a.string("ipv6_ra_mode", nullable: true), mode = try a.string("ipv6_address_mode", nullable: true)
        for (name, v) in [("ipv6_ra_mode", ra), ("ipv6_address_mode", mode)] {
            guard let v else { continue }
            guard version == 6 else { throw NeutronErrors.invalidInput("\(name) is not valid when ip_version is 4") }
            guard valid.contains(v) else { throw NeutronErrors.invalidInput("Invalid input for \(name). Reason: '\(v)' is not in \(valid.sorted())") }
        }
        if let ra, let mode, ra != mode {
            throw NeutronErrors.invalidInput("ipv6_ra_mode set to '\(ra)' with ipv6_address_mode set to '\(mode)' is not valid. If both attributes are set, they must be the same value")
        }
        if let m = mode ?? ra, m != "dhcpv6-stateful", net.prefixLength != 64 {
            throw NeutronErrors.invalidInput("Invalid CIDR \(net) for IPv6 address mode. OpenStack uses the EUI-64 address format, which requires the prefix to be /64")
        }
        return (ra, mode)
    }

    private func gatewayIP(_ a: Attributes, net: IPNetwork, default fallback: IPAddress?) throws(APIError) -> IPAddress? {
        guard a.has("gateway_ip") else { return fallback }
        guard let text = try a.string("gateway_ip", nullable: true) else { return nil }
        guard let ip = IPAddress(text), ip.version == net.version else {
            throw NeutronErrors.invalidInput("Invalid input for gateway_ip. Reason: '\(text)' is not a valid IP address")
        }
        guard net.contains(ip), ip != net.first, !(net.version == 4 && ip == net.last && net.prefixLength < 31) else {
            throw NeutronErrors.invalidInput("Gateway is not valid on subnet")
        }
        return ip
    }

    private func allocationPools(_ a: Attributes, net: IPNetwork, gateway: IPAddress?) throws(APIError) -> [ClosedRange<IPAddress>]? {
        guard let items = try a.array("allocation_pools") else { return nil }
        var pools: [ClosedRange<IPAddress>] = []
        for item in items {
            guard let start = item["start"]?.string.flatMap(IPAddress.init), let end = item["end"]?.string.flatMap(IPAddress.init) else {
                throw NeutronErrors.invalidInput("Invalid input for allocation_pools. Reason: '\(item.text)' is not a valid allocation pool")
            }
            guard start.version == net.version, end.version == net.version, start <= end else {
                throw NeutronErrors.badRequest("The allocation pool \(start)-\(end) is not valid.")
            }
            guard let hosts = IPAM.hostRange(net), hosts.contains(start), hosts.contains(end) else {
                throw NeutronErrors.badRequest("The allocation pool \(start)-\(end) spans beyond the subnet cidr \(net).")
            }
            if let overlap = pools.first(where: { $0.overlaps(start...end) }) {
                throw NeutronErrors.badRequest("Found overlapping allocation pools: \(overlap.lowerBound)-\(overlap.upperBound) and \(start)-\(end) for subnet \(net).")
            }
            if let gateway, (start...end).contains(gateway) {
                throw NeutronErrors.conflict("GatewayConflictWithAllocationPools", "Gateway ip \(gateway) conflicts with allocation pool \(start)-\(end)")
            }
            pools.append(start...end)
        }
        return pools.sorted { $0.lowerBound < $1.lowerBound }
    }

    private func nameservers(_ a: Attributes, version: Int) throws(APIError) -> [String]? {
        guard let list = try a.strings("dns_nameservers") else { return nil }
        guard list.count <= 5 else { throw NeutronErrors.badRequest("Number of DNS nameservers exceeds the limit 5.") }
        var seen = Set<String>()
        for s in list {
            guard IPAddress(s) != nil else { throw NeutronErrors.invalidInput("Invalid input for dns_nameservers. Reason: '\(s)' is not a valid nameserver. '\(s)' is not a valid IP address") }
            guard seen.insert(s).inserted else { throw NeutronErrors.invalidInput("Invalid input for dns_nameservers. Reason: Duplicate nameserver '\(s)'") }
        }
        return list
    }

    private func hostRoutes(_ a: Attributes, version: Int) throws(APIError) -> [Subnet.HostRoute]? {
        guard let items = try a.array("host_routes") else { return nil }
        guard items.count <= 20 else { throw NeutronErrors.badRequest("Number of host routes exceeds the limit 20.") }
        var routes: [Subnet.HostRoute] = []
        for item in items {
            guard let d = item["destination"]?.string, let dest = IPNetwork(d, strict: false), let h = item["nexthop"]?.string,
                  let hop = IPAddress(h), dest.version == version, hop.version == version else {
                throw NeutronErrors.invalidInput("Invalid input for host_routes. Reason: '\(item.text)' is not a valid host route")
            }
            let route = Subnet.HostRoute(destination: dest.description, nexthop: hop.description)
            guard !routes.contains(route) else { throw NeutronErrors.invalidInput("Invalid input for host_routes. Reason: Duplicate hostroute '\(item.text)'") }
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
