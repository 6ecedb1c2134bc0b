import OpenStackAPI

/// `{"security_group": {...}}` and `{"security_group_rule": {...}}` bodies → typed requests.
enum SecurityGroupDecoding {
    static let groupRules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "description": .init(post: true, put: true), "stateful": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]
    static let ruleRules: [String: Attributes.Rule] = [
        "security_group_id": .init(post: true, put: false), "direction": .init(post: true, put: false),
        "ethertype": .init(post: true, put: false), "protocol": .init(post: true, put: false),
        "port_range_min": .init(post: true, put: false), "port_range_max": .init(post: true, put: false),
        "remote_ip_prefix": .init(post: true, put: false), "remote_group_id": .init(post: true, put: false),
        "remote_address_group_id": .init(post: true, put: false), "description": .init(post: true, put: false),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]

    static func createGroup(_ body: JSONObject) throws(NetworkingError) -> SecurityGroupCreate {
        let a = try Attributes(body, resource: "security_group", rules: groupRules, create: true)
        var r = SecurityGroupCreate()
        r.owner = try a.owner
        r.name = try a.string("name")
        r.description = try a.string("description")
        r.stateful = try a.bool("stateful")
        return r
    }

    static func updateGroup(_ body: JSONObject) throws(NetworkingError) -> SecurityGroupUpdate {
        let a = try Attributes(body, resource: "security_group", rules: groupRules, create: false)
        var r = SecurityGroupUpdate()
        r.name = try a.string("name")
        r.description = try a.string("description")
        r.stateful = try a.bool("stateful")
        return r
    }

    static func createRule(_ body: JSONObject) throws(NetworkingError) -> SecurityGroupRuleCreate {
        let a = try Attributes(body, resource: "security_group_rule", rules: ruleRules, create: true)
        var r = SecurityGroupRuleCreate()
        r.owner = try a.owner
        r.securityGroupID = try a.string("security_group_id")
        r.direction = try a.string("direction")
        r.etherType = try a.string("ethertype")
        r.ipProtocol = try ipProtocol(a)
        r.portRangeMin = try a.int("port_range_min") ?? nil
        r.portRangeMax = try a.int("port_range_max") ?? nil
        r.remoteIPPrefix = try a.string("remote_ip_prefix", nullable: true)
        r.remoteGroupID = try a.string("remote_group_id", nullable: true)
        r.remoteAddressGroupID = try a.string("remote_address_group_id", nullable: true)
        r.description = try a.string("description")
        return r
    }

    /// A protocol name, or a number sent as a JSON number (kept as its text; the domain checks the range).
    private static func ipProtocol(_ a: Attributes) throws(NetworkingError) -> String? {
        if let value = a.value("protocol"), value.number != nil {
            guard let n = try a.int("protocol") ?? nil else { return nil }
            return String(n)
        }
        return try a.string("protocol", nullable: true)
    }
}
