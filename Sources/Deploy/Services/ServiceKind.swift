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
    /// The compute API (`ovnstack serve compute`), in the root network namespace on loopback; a client of
    /// identity, image and network.
    case compute
    /// A compute node's agent (`ovnstack serve compute-agent`): it makes the instances' namespaces and runc
    /// containers, so it runs in the host's mount namespace (as Kolla runs nova-compute privileged).
    case computeAgent = "compute-agent"
    /// The metadata service (`ovnstack serve metadata`, nova-metadata), in the root network namespace on
    /// loopback; it answers the metadata agents' signed requests from compute's instance data.
    case metadata
    /// A compute node's OVN metadata agent (`ovnstack serve metadata-agent`): it makes the `ovnmeta`
    /// namespaces and veths of the node's networks, so like the compute agent it runs in the host's namespaces.
    case metadataAgent = "metadata-agent"

    /// Start wave: databases (and identity) first, then their clients, then ovn-controller. A loopback API
    /// of wave n starts once every node service and API of the waves before n is ready.
    public var wave: Int {
        switch self {
        case .nbDB, .sbDB, .ovsDB, .identity: 0
        case .northd, .vswitchd, .network, .image, .compute, .metadata: 1
        case .controller, .computeAgent, .metadataAgent: 2
        }
    }

    /// The services a node with these roles runs.
    public static func services(for node: NodeSpec) -> [ServiceKind] {
        (node.has(.control) ? [.nbDB, .sbDB, .northd, .identity, .network, .image, .compute, .metadata] : [])
            + [.ovsDB, .vswitchd, .controller] + (node.has(.compute) ? [.computeAgent, .metadataAgent] : [])
    }
}
