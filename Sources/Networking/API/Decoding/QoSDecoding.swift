import OpenStackAPI

/// `{"policy": {...}}` and `{"<kind>_rule": {...}}` bodies → typed requests.
enum QoSDecoding {
    static let policyRules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "description": .init(post: true, put: true), "shared": .init(post: true, put: true),
        "is_default": .init(post: true, put: true), "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]

    static func policy(_ body: JSONObject, create: Bool) throws(NetworkingError) -> QoSPolicyRequest {
        let a = try Attributes(body, resource: "policy", rules: policyRules, create: create)
        var r = QoSPolicyRequest()
        if create { r.owner = try a.owner }
        r.name = try a.string("name")
        r.description = try a.string("description")
        r.shared = try a.bool("shared")
        r.isDefault = try a.bool("is_default")
        return r
    }

    /// A rule body of `kind`: the attributes of every kind are known, another kind's are refused by the rules.
    static func rule(_ body: JSONObject, _ kind: QoSPolicy.Rule.Kind, create: Bool) throws(NetworkingError) -> QoSRuleRequest {
        let rules: [String: Attributes.Rule] = [
            "max_kbps": .init(post: true, put: true), "max_burst_kbps": .init(post: true, put: true), "direction": .init(post: true, put: true),
            "dscp_mark": .init(post: true, put: true), "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        ]
        let a = try Attributes(body, resource: kind.rawValue + "_rule", rules: rules, create: create)
        var r = QoSRuleRequest()
        r.maxKbps = try a.int("max_kbps", nullable: false) ?? nil
        r.maxBurstKbps = try a.int("max_burst_kbps", nullable: false) ?? nil
        r.dscpMark = try a.int("dscp_mark", nullable: false) ?? nil
        r.direction = try a.string("direction")
        return r
    }
}
