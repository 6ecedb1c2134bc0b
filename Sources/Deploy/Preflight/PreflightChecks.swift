import Foundation
import ProgramRunner

/// `ovnstack preflight`: can this machine run the cluster, and is anything of a crashed run left?
public struct PreflightChecks: Sendable {
    public let layout: StateLayout
    public let spec: ClusterSpec
    public let runtime: RuntimeKind

    public init(layout: StateLayout, spec: ClusterSpec, runtime: RuntimeKind) {
        self.layout = layout
        self.spec = spec
        self.runtime = runtime
    }

    /// Runs every check.
    public func run() -> [PreflightResult] {
        [
            HostChecks.root(), HostChecks.binaries(runtime: runtime), HostChecks.kernel(), HostChecks.tunnelling(),
            HostChecks.apparmor(runtime: runtime), HostChecks.netnsPropagation(), HostChecks.stateDir(layout),
            runtimeCheck(), leftovers(), ports(), apiPorts(),
        ]
    }

    func runtimeCheck() -> PreflightResult {
        let runc = Program.find("runc") != nil
        return .pass("runtime", "\(runtime.rawValue) in use" + (runc ? "; runc available" : "; runc not installed (apt-get install runc)"))
    }

    /// Namespaces of this cluster that exist while no supervisor runs it.
    public func leftoverNamespaces() -> [String] {
        guard SupervisorHandle(layout: layout).pid == nil else { return [] }
        let state = (try? ClusterState.load(layout)) ?? nil
        let known = Set(state.map { LocalDriver(state: $0).namespaces } ?? LocalDriver(state: ClusterState(spec: spec, runtime: runtime)).namespaces)
        return Netns.list().filter(known.contains).sorted()
    }

    func leftovers() -> PreflightResult {
        let found = leftoverNamespaces()
        guard found.isEmpty else {
            return .fail("leftovers", "namespaces of cluster \(spec.name) exist but no supervisor runs it: \(found.joined(separator: ", "))",
                         fix: "ovnstack preflight --name \(spec.name) --fix (or: ovnstack down --name \(spec.name))")
        }
        return .pass("leftovers", "no namespace of cluster \(spec.name) left over")
    }

    /// The NB/SB ports are inside the control namespace; only a leftover one can hold them.
    func ports() -> PreflightResult {
        let ns = Names(cluster: spec.name).netns(spec.controlNode.name)
        guard SupervisorHandle(layout: layout).pid == nil, Netns.list().contains(ns) else {
            return .pass("ports", "6641/6642 are bound inside the cluster's own control namespace")
        }
        let out = Program.probe("ip", ["netns", "exec", ns, "ss", "-Hltn"]).output
        let busy = ["6641", "6642"].filter { out.contains(":\($0) ") }
        return busy.isEmpty
            ? .pass("ports", "6641/6642 free in \(ns)")
            : .fail("ports", "\(busy.joined(separator: ", ")) in use in \(ns) by a leftover process", fix: "ovnstack down --name \(spec.name)")
    }

    /// The ports of the loopback APIs on 127.0.0.1 (5000, 9696 for the default cluster, else the ones kept
    /// in `cluster.json`).
    func apiPorts() -> PreflightResult {
        guard SupervisorHandle(layout: layout).pid == nil else { return .pass("api ports", "the running cluster holds its loopback ports") }
        var state = ((try? ClusterState.load(layout)) ?? nil) ?? ClusterState(spec: spec, runtime: runtime)
        if state.apiPorts == nil, spec.name == "ovnstack" { state.apiPorts = .standard }
        guard state.apiPorts != nil else { return .pass("api ports", "free loopback ports are picked at the first up") }
        let ports = Self.loopbackAPIs(state, layout: layout).compactMap { api in api.listenPort.map { "127.0.0.1:\($0) (\(api.kind.rawValue))" } }
        return Self.busyPort(state, layout: layout) ?? .pass("api ports", "\(ports.joined(separator: ", ")) free")
    }

    /// A failing check when another process (not this cluster's own service) holds the 127.0.0.1 port of
    /// one of the cluster's loopback APIs.
    public static func busyPort(_ state: ClusterState, layout: StateLayout) -> PreflightResult? {
        for api in loopbackAPIs(state, layout: layout) {
            guard let port = api.listenPort, !LoopbackPort.isFree(port), ProcessLauncher().find(api) == nil else { continue }
            return .fail("api ports", "127.0.0.1:\(port) (\(api.kind.rawValue) of cluster \(state.spec.name)) is held by another process",
                         fix: "stop the process listening on \(port) (ss -ltnp 'sport = :\(port)') or use another cluster name (--name)")
        }
        return nil
    }

    private static func loopbackAPIs(_ state: ClusterState, layout: StateLayout) -> [ServiceDefinition] {
        ServicePlan(state: state, layout: layout).services.filter { $0.netns == nil && $0.listenPort != nil }
    }

    /// Removes what `leftovers` found: processes of ours inside those namespaces, then the namespaces.
    public func cleanUp() async -> [String] {
        var notes: [String] = []
        if let state = try? ClusterState.load(layout) {
            notes += await Teardown(layout: layout).removeLeftovers(state)
        }
        for ns in leftoverNamespaces() {
            Netns.delete(ns)
            notes.append("deleted namespace \(ns)")
        }
        return notes
    }
}
