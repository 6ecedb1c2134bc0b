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
        "segments": .init(post: true, put: false),
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
        if let segments = a.value("segments") { try multiProvider(segments, into: &r, alongside: a) }
        return r
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> NetworkUpdate {
        try attributes(try Attributes(body, resource: "network", rules: rules, create: false))
    }

    /// `multi-provider`: `segments`, a list of provider segments instead of the `provider:` attributes. ML2/OVN keeps
    /// one segment per network here, so the list holds one.
    private static func multiProvider(_ value: JSON, into r: inout NetworkCreate, alongside a: Attributes) throws(NetworkingError) {
        if a.has("provider:network_type") || a.has("provider:physical_network") || a.has("provider:segmentation_id") {
            throw .invalidInput("Segments and provider values cannot both be set.")
        }
        guard let items = value.array, items.allSatisfy({ $0.object != nil }) else {
            throw .invalidInput("Invalid input for segments. Reason: '\(value.text)' is not a list of segments")
        }
        guard items.count == 1, let segment = items[0].object else {
            throw .badRequest("Invalid input for segments: \(items.count) segments given; this cloud keeps one segment per network.")
        }
        let known: Set<String> = ["provider:network_type", "provider:physical_network", "provider:segmentation_id"]
        if let unknown = segment.keys.first(where: { !known.contains($0) }) {
            throw .invalidInput("Unrecognized attribute(s) '\(unknown)' in segment")
        }
        let s = try Attributes(["segment": .object(segment)], resource: "segment",
                               rules: Dictionary(uniqueKeysWithValues: known.map { ($0, Attributes.Rule(post: true, put: false)) }), create: true)
        r.networkType = try s.string("provider:network_type")
        r.physicalNetwork = try s.string("provider:physical_network", nullable: true)
        r.segmentationID = try s.int("provider:segmentation_id") ?? nil
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
