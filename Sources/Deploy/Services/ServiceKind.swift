/// The daemons of a node, in the order they come up.
public enum ServiceKind: String, Sendable, Codable, Hashable, CaseIterable {
    case nbDB = "ovsdb-server-nb"
    case sbDB = "ovsdb-server-sb"
    case ovsDB = "ovsdb-server"
    case northd = "ovn-northd"
    case vswitchd = "ovs-vswitchd"
    case controller = "ovn-controller"
    /// The identity API (`ovnstack serve identity`), in the root network namespace on loopback.
    case identity

    /// Start wave: databases first, then their clients, then ovn-controller.
    public var wave: Int {
        switch self {
        case .nbDB, .sbDB, .ovsDB, .identity: 0
        case .northd, .vswitchd: 1
        case .controller: 2
        }
    }

    /// The services a node with these roles runs.
    public static func services(for node: NodeSpec) -> [ServiceKind] {
        (node.has(.control) ? [.nbDB, .sbDB, .northd, .identity] : []) + [.ovsDB, .vswitchd, .controller]
    }
}
