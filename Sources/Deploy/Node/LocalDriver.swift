import Addressing
/// Builds the cluster's wiring on this machine, idempotently: an underlay Linux bridge in its own
/// namespace, one namespace per node with a veth to it, and an `ext` namespace on every gateway's
/// provider bridge. Veths are created directly inside their target namespaces, never in the
/// root namespace, which gets no address, route or link of the cluster.
public struct LocalDriver: Sendable {
    public let state: ClusterState

    public init(state: ClusterState) { self.state = state }

    var names: Names { state.names }
    var spec: ClusterSpec { state.spec }

    /// Every namespace this cluster owns.
    public var namespaces: [String] {
        [names.underlayNetns, names.externalNetns] + spec.nodes.map { names.netns($0.name) }
    }

    /// Creates whatever is missing.
    public func ensure() throws {
        let existing = Netns.list()
        let ul = names.underlayNetns
        try Netns.ensure(ul, existing: existing)
        if !Netns.hasLink(ul, Names.underlayBridge) {
            try Netns.ip(ul, ["link", "add", Names.underlayBridge, "type", "bridge"])
        }
        try Netns.ip(ul, ["link", "set", Names.underlayBridge, "up"])
        for node in spec.nodes {
            let ns = names.netns(node.name)
            try Netns.ensure(ns, existing: existing)
            if !Netns.hasLink(ns, Names.uplink) {
                let port = Names.underlayPort(node.name)
                if Netns.hasLink(ul, port) { try Netns.ip(ul, ["link", "del", port]) }
                try Netns.ip(ul, ["link", "add", port, "type", "veth", "peer", "name", Names.uplink, "netns", ns])
                try Netns.ip(ul, ["link", "set", port, "master", Names.underlayBridge, "up"])
            }
            if node.has(.control) {
                // NB/SB listen on the underlay address, which appears only once br-phy exists.
                try Netns.exec(ns, "sysctl", ["-qw", "net.ipv4.ip_nonlocal_bind=1"])
            }
        }
        try ensureExternal(existing: existing)
    }

    /// The outside world: a bridge holding the upstream router's address, one veth per gateway.
    private func ensureExternal(existing: Set<String>) throws {
        let ext = names.externalNetns
        try Netns.ensure(ext, existing: existing)
        if !Netns.hasLink(ext, Names.externalBridge) {
            try Netns.ip(ext, ["link", "add", Names.externalBridge, "type", "bridge"])
        }
        for node in spec.nodes where node.has(.gateway) {
            let ns = names.netns(node.name)
            let port = Names.gatewayPort(node.name)
            if !Netns.hasLink(ns, Names.externalPort) {
                if Netns.hasLink(ext, port) { try Netns.ip(ext, ["link", "del", port]) }
                try Netns.ip(ext, ["link", "add", port, "type", "veth", "peer", "name", Names.externalPort, "netns", ns])
                try Netns.ip(ext, ["link", "set", port, "master", Names.externalBridge, "up"])
                Netns.disableTxOffload(ext, port)
            }
        }
        Netns.disableTxOffload(ext, Names.externalBridge)
        try Netns.ip(ext, ["link", "set", Names.externalBridge, "up"])
        try Netns.ip(ext, ["addr", "replace", "\(spec.external.router)/\(spec.external.cidr.prefixLength)", "dev", Names.externalBridge])
    }

    /// Deletes the cluster's namespaces (their links go with them).
    public func remove() {
        let existing = Netns.list()
        for ns in namespaces.reversed() where existing.contains(ns) { Netns.delete(ns) }
    }

    /// The cluster's namespaces that exist now.
    public func existingNamespaces() -> [String] {
        let existing = Netns.list()
        return namespaces.filter(existing.contains)
    }
}
