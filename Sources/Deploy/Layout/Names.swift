import Addressing
/// Names of the namespaces and interfaces of one cluster. Namespaces carry the cluster name so
/// clusters coexist; interfaces live inside those namespaces and stay within IFNAMSIZ (15).
public struct Names: Sendable, Hashable {
    public let cluster: String

    public init(cluster: String) { self.cluster = cluster }

    /// The namespace of a node.
    public func netns(_ node: String) -> String { "\(cluster)-\(node)" }
    /// The namespace holding the underlay Linux bridge.
    public var underlayNetns: String { "\(cluster)-ul" }
    /// The namespace standing for the outside world on the provider network.
    public var externalNetns: String { "\(cluster)-ext" }

    /// The underlay Linux bridge (inside `underlayNetns`).
    public static let underlayBridge = "ulbr"
    /// A node's port on the underlay bridge (inside `underlayNetns`).
    public static func underlayPort(_ node: String) -> String { "u-\(node)" }
    /// A node's underlay interface, a port of its `br-phy` (inside the node's namespace).
    public static let uplink = "eth-ul"
    /// The OVS bridge whose internal port holds the node's underlay address (userspace tunnelling).
    public static let physicalBridge = "br-phy"
    /// The integration bridge ovn-controller programs.
    public static let integrationBridge = "br-int"
    /// A gateway's veth end on its provider bridge (inside the gateway's namespace).
    public static let externalPort = "ext-p"
    /// The outside world's bridge (inside `externalNetns`), holding the outside router's address.
    public static let externalBridge = "extbr"
    /// A gateway's port on the outside bridge (inside `externalNetns`).
    public static func gatewayPort(_ node: String) -> String { "g-\(node)" }

    /// A stable locally administered MAC for a node's br-phy, derived from its underlay address.
    public static func physicalMAC(for address: String) -> String {
        let value = IPAddress(address).map { UInt32(truncatingIfNeeded: $0.value) } ?? 0
        let bytes = [0x02, 0x00, Int(value >> 24 & 255), Int(value >> 16 & 255), Int(value >> 8 & 255), Int(value & 255)]
        return bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
    }
}
