public import struct Foundation.UUID
public import OVNModel

/// What the agent knows at one moment: the SB rows it reads (port and datapath bindings, its own chassis)
/// and the MTU of each interface of its node's OVS, by `iface-id`. Ports are indexed by datapath and
/// datapaths by network, so a request's lookup is no scan of the whole table.
public struct SouthboundView: Sendable {
    /// The SB `Chassis` row of this node, once ovn-controller has registered it.
    public let chassis: UUID?
    /// Every Port_Binding, by datapath.
    public let portsByDatapath: [UUID: [SB.PortBinding]]
    /// The datapath of each Neutron network (`external_ids:name` = `neutron-<network>`).
    public let datapathByNetwork: [String: UUID]
    /// The MTU of each local OVS interface that has an `external_ids:iface-id` (`mtu_request`, else `mtu`).
    public let interfaceMTUs: [String: Int]

    /// A view of these rows.
    public init(chassis: UUID?, ports: [SB.PortBinding], datapaths: [SB.DatapathBinding], interfaceMTUs: [String: Int] = [:]) {
        self.chassis = chassis
        self.portsByDatapath = Dictionary(grouping: ports, by: \.datapath)
        var networks: [String: UUID] = [:]
        for dp in datapaths {
            guard let uuid = dp.uuid, let network = dp.externalIDs["name"].flatMap(MetadataNames.network(ofDatapathName:)) else { continue }
            networks[network] = uuid
        }
        self.datapathByNetwork = networks
        self.interfaceMTUs = interfaceMTUs
    }

    /// A view of nothing (before the first snapshot).
    public static let empty = SouthboundView(chassis: nil, ports: [], datapaths: [])

    /// The ports of a network.
    public func ports(ofNetwork network: String) -> [SB.PortBinding] {
        datapathByNetwork[network].flatMap { portsByDatapath[$0] } ?? []
    }
}

/// One `Port_Binding.mac` entry (`"fa:16:3e:11:22:33 10.0.0.5 fd00::5"`): a MAC and its IPs; `unknown`,
/// `router` and `dynamic` entries have no MAC.
public struct PortAddresses: Sendable, Hashable {
    /// The entry's MAC, lowercase.
    public let mac: String
    /// The entry's IP addresses as written.
    public let ips: [String]

    /// Parses one entry; nil when it does not start with a MAC.
    public init?(_ entry: String) {
        let words = entry.split(separator: " ").map(String.init)
        guard let first = words.first, Self.isMAC(first) else { return nil }
        mac = first.lowercased()
        ips = Array(words.dropFirst())
    }

    /// Every MAC-led entry of a port.
    public static func entries(of port: SB.PortBinding) -> [PortAddresses] { port.mac.compactMap(PortAddresses.init) }

    static func isMAC(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 6 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isHexDigit) }
    }
}
