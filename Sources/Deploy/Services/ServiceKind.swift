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
    /// The networking API (`ovnstack serve network`), in the root network namespace on loopback; a client
    /// of the NB database and of identity.
    case network
    /// The image API (`ovnstack serve image`), in the root network namespace on loopback; a client of identity.
    case image

    /// Start wave: databases (and identity) first, then their clients, then ovn-controller. A loopback API
    /// of wave n starts once every node service and API of the waves before n is ready.
    public var wave: Int {
        switch self {
        case .nbDB, .sbDB, .ovsDB, .identity: 0
        case .northd, .vswitchd, .network, .image: 1
        case .controller: 2
        }
    }

    /// The services a node with these roles runs.
    public static func services(for node: NodeSpec) -> [ServiceKind] {
        (node.has(.control) ? [.nbDB, .sbDB, .northd, .identity, .network, .image] : []) + [.ovsDB, .vswitchd, .controller]
    }
}
