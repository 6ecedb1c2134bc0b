/// A service flavor (`flavors`): a named choice among the service profiles of one service type (`L3_ROUTER_NAT`, …),
/// global to the cloud. ML2/OVN has no flavored drivers (no service providers), so profiles describe with `metainfo`.
struct ServiceFlavor: Codable, Sendable, Hashable {
    var id: String
    var name: String
    var description: String
    var serviceType: String
    var enabled: Bool
    /// The profiles associated with it.
    var serviceProfiles: [String]
}

/// A service profile: a driver (one of the service providers) or free-form `metainfo`.
struct ServiceProfile: Codable, Sendable, Hashable {
    var id: String
    var description: String
    var driver: String
    var enabled: Bool
    var metainfo: String
}
