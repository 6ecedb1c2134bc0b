import Addressing
import Foundation

/// What a node needs once ovs-vswitchd has created its bridges (again after every restart, since
/// the netdev bridges' tap devices die with the daemon): links up, the underlay address on the
/// br-phy tap, and the peers' MACs pre-seeded in the userspace tunnel neighbour cache so the first
/// packet to each VTEP is not dropped while vswitchd ARPs.
public struct UplinkSetup: Sendable {
    public let state: ClusterState
    public let layout: StateLayout

    public init(state: ClusterState, layout: StateLayout) {
        self.state = state
        self.layout = layout
    }

    /// Applies it, waiting (blocking) up to 10 s for ovs-vswitchd to create br-phy.
    public func applyBlocking(node: NodeSpec) throws {
        let ns = state.names.netns(node.name)
        let spec = state.spec
        let deadline = ContinuousClock.now + .seconds(10)
        while !Netns.hasLink(ns, Names.physicalBridge) {
            guard ContinuousClock.now < deadline else {
                throw DeployError.timedOut(what: "ovs-vswitchd to create \(Names.physicalBridge) in \(ns)", after: .seconds(10), lastError: nil)
            }
            usleep(20_000)
        }
        try Netns.ip(ns, ["link", "set", Names.uplink, "up"])
        try Netns.ip(ns, ["link", "set", Names.physicalBridge, "up"])
        try Netns.ip(ns, ["addr", "replace", "\(spec.address(of: node))/\(spec.underlay.prefixLength)", "dev", Names.physicalBridge])
        if node.has(.gateway) { try Netns.ip(ns, ["link", "set", Names.externalPort, "up"]) }
        let control = "\(layout.runDir(node.name))/ovs-vswitchd.ctl"
        for peer in spec.nodes where peer.name != node.name {
            let address = spec.address(of: peer)
            try Host.run("ovs-appctl", ["-t", control, "tnl/neigh/set", Names.physicalBridge, address, Names.physicalMAC(for: address)])
        }
    }
}
