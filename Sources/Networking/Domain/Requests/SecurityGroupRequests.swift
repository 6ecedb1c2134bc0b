/// `POST /v2.0/security-groups`, typed.
struct SecurityGroupCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var name: String?
    var description: String?
    var stateful: Bool?

    /// An empty request.
    init() {}
}

/// `PUT /v2.0/security-groups/{id}`, typed.
struct SecurityGroupUpdate: Sendable, Equatable {
    var name: String?
    var description: String?
    var stateful: Bool?

    /// An empty update.
    init() {}
}

/// `POST /v2.0/security-group-rules`, typed; values are checked by the domain as Neutron's extension does.
struct SecurityGroupRuleCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var securityGroupID: String?
    var direction: String?
    var etherType: String?
    /// A protocol name or number as text; nil for any.
    var ipProtocol: String?
    var portRangeMin: Int?
    var portRangeMax: Int?
    var remoteIPPrefix: String?
    var remoteGroupID: String?
    var remoteAddressGroupID: String?
    var description: String?

    /// An empty request.
    init() {}
}
