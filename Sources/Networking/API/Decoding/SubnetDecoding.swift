import Addressing
import OpenStackAPI

/// `{"subnet": {...}}` bodies → typed requests (addresses parsed here, their fit checked by the domain).
enum SubnetDecoding {
    static let rules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "network_id": .init(post: true, put: false), "ip_version": .init(post: true, put: false),
        "cidr": .init(post: true, put: false), "gateway_ip": .init(post: true, put: true), "enable_dhcp": .init(post: true, put: true),
        "allocation_pools": .init(post: true, put: true), "dns_nameservers": .init(post: true, put: true),
        "host_routes": .init(post: true, put: true), "ipv6_ra_mode": .init(post: true, put: false),
        "ipv6_address_mode": .init(post: true, put: false), "description": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        "subnetpool_id": .init(post: true, put: false), "service_types": .init(post: true, put: true),
        "prefixlen": .init(post: true, put: false), "use_default_subnetpool": .init(post: true, put: false),
        "dns_publish_fixed_ip": .init(post: true, put: true),
    ]

    static func create(_ body: JSONObject) throws(NetworkingError) -> SubnetCreate {
        let a = try Attributes(body, resource: "subnet", rules: rules, create: true)
        var r = SubnetCreate()
        r.owner = try a.owner
        r.networkID = try a.string("network_id")
        r.name = try a.string("name")
        r.description = try a.string("description")
        if a.has("ip_version") {
            guard let v = try? a.int("ip_version", nullable: false), let version = v, version == 4 || version == 6 else {
                throw .invalidInput("Invalid input for ip_version. Reason: '\(a.value("ip_version")!.text)' is not in [4, 6]")
            }
            r.ipVersion = version
        }
        r.cidr = try a.string("cidr")
        r.gatewayIP = try gateway(a)
        r.enableDHCP = try a.bool("enable_dhcp")
        r.allocationPools = try pools(a)
        r.dnsNameservers = try a.strings("dns_nameservers")
        r.hostRoutes = try hostRoutes(a)
        r.ipv6RAMode = try a.string("ipv6_ra_mode", nullable: true)
        r.ipv6AddressMode = try a.string("ipv6_address_mode", nullable: true)
        r.subnetPoolID = try a.string("subnetpool_id", nullable: true)
        if let n = try a.int("prefixlen") { r.prefixLength = n }
        r.useDefaultSubnetPool = try a.bool("use_default_subnetpool")
        r.serviceTypes = try serviceTypes(a)
        r.dnsPublishFixedIP = try a.bool("dns_publish_fixed_ip")
        return r
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> SubnetUpdate {
        let a = try Attributes(body, resource: "subnet", rules: rules, create: false)
        var r = SubnetUpdate()
        r.name = try a.string("name")
        r.description = try a.string("description")
        r.gatewayIP = try gateway(a)
        r.enableDHCP = try a.bool("enable_dhcp")
        r.allocationPools = try pools(a)
        r.dnsNameservers = try a.strings("dns_nameservers")
        r.hostRoutes = try hostRoutes(a)
        r.serviceTypes = try serviceTypes(a)
        r.dnsPublishFixedIP = try a.bool("dns_publish_fixed_ip")
        return r
    }

    /// `service_types`: a list of strings (null: none), each starting as a device owner does. neutron-lib extends its list
    /// of prefixes (`network:`, `neutron:`) by the string `compute:`, that is by its characters, so any type starting
    /// with one of `compute:`'s characters passes too (`test:type_1` does); clients and tempest rely on that.
    private static func serviceTypes(_ a: Attributes) throws(NetworkingError) -> [String]? {
        guard let value = a.value("service_types") else { return nil }
        if value.isNull { return [] }
        guard let items = value.array else { throw .badRequest("Subnet service types must be a list.") }
        var out: [String] = []
        for item in items {
            guard let text = item.string else {
                throw NetworkingError(.badRequest, "InvalidInputSubnetServiceType", "Subnet service type \(item.text) is not a string.")
            }
            guard ["network:", "neutron:"].contains(where: { text.hasPrefix($0) }) || text.first.map("compute:".contains) == true else {
                throw NetworkingError(.badRequest, "InvalidSubnetServiceType",
                                      "Subnet service type \(text) does not correspond to a valid device owner.")
            }
            if !out.contains(text) { out.append(text) }
        }
        return out
    }

    private static func gateway(_ a: Attributes) throws(NetworkingError) -> Sent<IPAddress> {
        switch try a.sent("gateway_ip") {
        case .absent: return .absent
        case .null: return .null
        case .value(let text):
            guard let ip = IPAddress(text) else { throw .invalidInput("Invalid input for gateway_ip. Reason: '\(text)' is not a valid IP address") }
            return .value(ip)
        }
    }

    private static func pools(_ a: Attributes) throws(NetworkingError) -> [AddressRange]? {
        guard let items = try a.array("allocation_pools") else { return nil }
        var out: [AddressRange] = []
        for item in items {
            guard let start = item["start"]?.string.flatMap(IPAddress.init), let end = item["end"]?.string.flatMap(IPAddress.init) else {
                throw .invalidInput("Invalid input for allocation_pools. Reason: '\(item.text)' is not a valid allocation pool")
            }
            out.append(AddressRange(start: start, end: end))
        }
        return out
    }

    private static func hostRoutes(_ a: Attributes) throws(NetworkingError) -> [HostRouteRequest]? {
        guard let items = try a.array("host_routes") else { return nil }
        var out: [HostRouteRequest] = []
        for item in items {
            guard let d = item["destination"]?.string, let destination = IPNetwork(d, strict: false),
                  let h = item["nexthop"]?.string, let nexthop = IPAddress(h) else {
                throw .invalidInput("Invalid input for host_routes. Reason: '\(item.text)' is not a valid host route")
            }
            out.append(HostRouteRequest(destination: destination, nexthop: nexthop))
        }
        return out
    }
}
