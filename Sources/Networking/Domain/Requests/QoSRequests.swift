/// `POST /v2.0/qos/policies`, typed (and the changeable part, for `PUT`).
struct QoSPolicyRequest: Sendable, Equatable {
    var owner = OwnerRequest()
    var name: String?
    var description: String?
    var shared: Bool?
    var isDefault: Bool?
}

/// `POST`/`PUT` of a policy's rule, typed: only the kind's own attributes are accepted.
struct QoSRuleRequest: Sendable, Equatable {
    var maxKbps: Int?
    var maxBurstKbps: Int?
    var direction: String?
    var dscpMark: Int?
}
