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

/// `POST`/`PUT /v2.0/flavors`, typed.
struct FlavorRequest: Sendable, Equatable {
    var name: String?
    var description: String?
    var serviceType: String?
    var enabled: Bool?
}

/// `POST`/`PUT /v2.0/service_profiles`, typed.
struct ServiceProfileRequest: Sendable, Equatable {
    var description: String?
    var driver: String?
    var enabled: Bool?
    var metainfo: String?
}
