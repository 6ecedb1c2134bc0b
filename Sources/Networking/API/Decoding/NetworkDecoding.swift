import OpenStackAPI

/// `{"network": {...}}` bodies → typed requests.
enum NetworkDecoding {
    static let rules: [String: Attributes.Rule] = [
        "dns_domain": .init(post: true, put: true), "is_default": .init(post: true, put: true), "qos_policy_id": .init(post: true, put: true),
        "name": .init(post: true, put: true), "admin_state_up": .init(post: true, put: true), "shared": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        "router:external": .init(post: true, put: true), "mtu": .init(post: true, put: true),
        "port_security_enabled": .init(post: true, put: true), "description": .init(post: true, put: true),
        "provider:network_type": .init(post: true, put: false), "provider:physical_network": .init(post: true, put: false),
        "provider:segmentation_id": .init(post: true, put: false), "availability_zone_hints": .init(post: true, put: false),
    ]

    static func create(_ body: JSONObject) throws(NetworkingError) -> NetworkCreate {
        let a = try Attributes(body, resource: "network", rules: rules, create: true)
        var r = NetworkCreate()
        r.owner = try a.owner
        r.attributes = try attributes(a)
        r.networkType = try a.string("provider:network_type")
        r.physicalNetwork = try a.string("provider:physical_network", nullable: true)
        r.segmentationID = try a.int("provider:segmentation_id") ?? nil
        r.availabilityZoneHints = try a.strings("availability_zone_hints")
        return r
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> NetworkUpdate {
        try attributes(try Attributes(body, resource: "network", rules: rules, create: false))
    }

    private static func attributes(_ a: Attributes) throws(NetworkingError) -> NetworkUpdate {
        var r = NetworkUpdate()
        r.name = try a.string("name")
        r.description = try a.string("description")
        r.adminStateUp = try a.bool("admin_state_up")
        r.shared = try a.bool("shared")
        r.external = try a.bool("router:external")
        r.portSecurityEnabled = try a.bool("port_security_enabled")
        r.isDefault = try a.bool("is_default")
        r.qosPolicyID = try a.sent("qos_policy_id")
        r.mtu = try a.int("mtu") ?? nil
        if a.has("dns_domain") { r.dnsDomain = (try a.string("dns_domain", nullable: true) ?? "").lowercased() }
        return r
    }
}
