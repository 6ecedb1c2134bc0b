/// `POST /v2.0/networks`, typed: what was sent, nothing defaulted yet.
struct NetworkCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var name: String?
    var description: String?
    var adminStateUp: Bool?
    var shared: Bool?
    var external: Bool?
    var portSecurityEnabled: Bool?
    var mtu: Int?
    var networkType: String?
    var physicalNetwork: String?
    var segmentationID: Int?
    var availabilityZoneHints: [String]?

    /// An empty request (every attribute left out).
    init() {}
}

/// `PUT /v2.0/networks/{id}`, typed.
struct NetworkUpdate: Sendable, Equatable {
    var name: String?
    var description: String?
    var adminStateUp: Bool?
    var shared: Bool?
    var external: Bool?
    var portSecurityEnabled: Bool?
    var mtu: Int?

    /// An empty update.
    init() {}
}
