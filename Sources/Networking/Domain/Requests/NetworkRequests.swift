/// `POST /v2.0/networks`, typed: what was sent, nothing defaulted yet.
@dynamicMemberLookup
struct NetworkCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var attributes = NetworkUpdate()
    var networkType: String?
    var physicalNetwork: String?
    var segmentationID: Int?
    var availabilityZoneHints: [String]?

    /// An empty request (every attribute left out).
    init() {}

    subscript<T>(dynamicMember path: KeyPath<NetworkUpdate, T>) -> T { attributes[keyPath: path] }
}

/// `PUT /v2.0/networks/{id}`, typed (and the changeable part of a create).
struct NetworkUpdate: Sendable, Equatable {
    var name: String?
    var description: String?
    var adminStateUp: Bool?
    var shared: Bool?
    var external: Bool?
    var portSecurityEnabled: Bool?
    var mtu: Int?
    /// `dns_domain` ("" removes it).
    var dnsDomain: String?
    /// `is_default` (`auto-allocated-topology`): the default external network.
    var isDefault: Bool?
    /// `qos_policy_id` (null removes it).
    var qosPolicyID: Sent<String> = .absent

    /// An empty update.
    init() {}
}
