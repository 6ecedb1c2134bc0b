import ArgumentParser
import Deploy

/// Replaces this process with `tool --db=unix:<socket> ARGS…` for the cluster's database.
private func passThrough(_ cluster: ClusterOptions, _ tool: String, _ arguments: [String],
                         socket: (ClusterState, StateLayout) throws -> String) throws -> Never {
    let layout = cluster.layout
    guard let state = try ClusterState.load(layout) else {
        throw ValidationError("cluster \(cluster.name) has no state in \(layout.root); run `ovnstack up`")
    }
    Spawn.exec(tool, ["--db=unix:\(try socket(state, layout))"] + arguments)
}

/// `ovnstack nbctl ARGS…`: the real ovn-nbctl against this cluster's NB.
struct Nbctl: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run ovn-nbctl against the cluster's NB.")
    @OptionGroup var cluster: ClusterOptions
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    func run() throws {
        try passThrough(cluster, "ovn-nbctl", arguments) { state, layout in layout.nbSocket(state.spec.controlNode.name) }
    }
}

/// `ovnstack sbctl ARGS…`: the real ovn-sbctl against this cluster's SB.
struct Sbctl: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run ovn-sbctl against the cluster's SB.")
    @OptionGroup var cluster: ClusterOptions
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    func run() throws {
        try passThrough(cluster, "ovn-sbctl", arguments) { state, layout in layout.sbSocket(state.spec.controlNode.name) }
    }
}

/// `ovnstack vsctl NODE ARGS…`: the real ovs-vsctl against one node's Open_vSwitch database.
struct Vsctl: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run ovs-vsctl against a node's Open_vSwitch database.")
    @OptionGroup var cluster: ClusterOptions
    @Argument(help: "Node name (ctl, c1, …).") var node: String
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    func run() throws {
        try passThrough(cluster, "ovs-vsctl", arguments) { state, layout in
            guard state.spec.nodes.contains(where: { $0.name == node }) else {
                throw ValidationError("no node \(node); nodes: \(state.spec.nodes.map(\.name).joined(separator: ", "))")
            }
            return layout.ovsSocket(node)
        }
    }
}
