/// `POST /v2.0/subnetpools`, typed.
struct SubnetPoolCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var attributes = SubnetPoolUpdate()
    var shared: Bool?
}

/// `PUT /v2.0/subnetpools/{id}`, typed (and the changeable part of a create).
struct SubnetPoolUpdate: Sendable, Equatable {
    var name: String?
    var description: String?
    var prefixes: [String]?
    var defaultPrefixLength: Int?
    var minPrefixLength: Int?
    var maxPrefixLength: Int?
    /// Sent as null: no quota.
    var defaultQuota: Sent<Int> = .absent
    var isDefault: Bool?
    /// Sent as null: out of its address scope.
    var addressScopeID: Sent<String> = .absent
}
