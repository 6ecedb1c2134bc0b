/// A network and its one segment (ML2 with one segment per network, as the reference deployment uses).
public struct Network: Codable, Sendable, Hashable {
    public var id: String
    public var projectID: String
    public var name: String
    public var adminStateUp: Bool
    public var shared: Bool
    public var external: Bool
    public var portSecurityEnabled: Bool
    public var mtu: Int
    /// `geneve`, `flat` or `vlan`.
    public var networkType: String
    public var physicalNetwork: String?
    public var segmentationID: Int?
    /// The segment's id: the localnet port of a provider network is `provnet-<segmentID>`.
    public var segmentID: String
    public var availabilityZoneHints: [String]
    public var std: StandardAttributes

    /// Whether the network reaches a physical network through a localnet port.
    public var isProvider: Bool { networkType == "flat" || networkType == "vlan" }
}
