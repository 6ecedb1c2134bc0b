/// `POST /v2.0/rbac-policies`, typed.
struct RBACPolicyCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var objectType: RBACPolicy.ObjectType
    var objectID: String
    /// As sent: checked against the object type's actions by the rules.
    var action: String
    var targetProject: String
}

/// `POST /v2.0/address-scopes`, typed.
struct AddressScopeCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var name: String?
    var ipVersion: Int
    var shared: Bool?
}

/// `PUT /v2.0/address-scopes/{id}`, typed.
struct AddressScopeUpdate: Sendable, Equatable {
    var name: String?
    var shared: Bool?
}
