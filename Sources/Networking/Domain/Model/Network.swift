/// A network and its one segment (ML2 with one segment per network, as the reference deployment uses).
struct Network: Codable, Sendable, Hashable {
    var id: String
    var projectID: String
    var name: String
    var adminStateUp: Bool
    var shared: Bool
    var external: Bool
    var portSecurityEnabled: Bool
    var mtu: Int
    /// `geneve`, `flat` or `vlan`.
    var networkType: String
    var physicalNetwork: String?
    var segmentationID: Int?
    /// The segment's id: the localnet port of a provider network is `provnet-<segmentID>`.
    var segmentID: String
    var availabilityZoneHints: [String]
    /// `dns-integration`: the network's DNS domain (its ports' records also go by `<hostname>.<domain>`).
    var dnsDomain: String? = nil
    /// The default external network (`is_default`; kept only while the network is external, as Neutron keeps it).
    var isDefault: Bool = false
    /// `qos`: the QoS policy of the network's ports that have none of their own.
    var qosPolicyID: String? = nil
    var std: StandardAttributes

    /// Whether the network reaches a physical network through a localnet port.
    var isProvider: Bool { networkType == "flat" || networkType == "vlan" }
}
