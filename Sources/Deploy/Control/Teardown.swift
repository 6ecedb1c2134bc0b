import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ProgramRunner

/// `down`: asks the supervisor to stop everything, then makes sure — by pid and by name — that
/// nothing of this cluster is left: no process it started, no namespace. `purge` removes the state.
public struct Teardown: Sendable {
    public let layout: StateLayout

    public init(layout: StateLayout) { self.layout = layout }

    /// Stops the cluster; returns one line per thing it had to clean up itself.
    @discardableResult
    public func run(purge: Bool, print: @Sendable (String) -> Void = { _ in }) async -> [String] {
        var notes: [String] = []
        let handle = SupervisorHandle(layout: layout)
        if let pid = handle.pid {
            ProcessTable.signal(pid, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(15)
            while ProcessTable.isAlive(pid), ContinuousClock.now < deadline {
                _ = ProcessTable.reapIfExited(pid)
                try? await Task.sleep(for: .milliseconds(20))
            }
            if ProcessTable.isAlive(pid) {
                ProcessTable.signal(pid, SIGKILL)
                notes.append("supervisor pid \(pid) did not stop in 15 s: killed")
            }
            print("stopped supervisor pid \(pid)")
        }
        if let state = try? ClusterState.load(layout) {
            notes += await removeLeftovers(state)
        }
        if purge {
            try? FileManager.default.removeItem(atPath: layout.root)
            print("removed \(layout.root)")
        }
        for note in notes { print(note) }
        return notes
    }

    /// Kills daemons whose pid files still name a live process of ours, then deletes namespaces.
    func removeLeftovers(_ state: ClusterState) async -> [String] {
        var notes: [String] = []
        let launcher = Runtimes.launcher(for: state.runtime, layout: layout, state: state)
        for service in ServicePlan(state: state, layout: layout).services.reversed() {
            guard let pid = launcher.find(service) else { continue }
            await ProcessTable.terminate(pid, grace: .seconds(2))
            launcher.cleanup(service)
            notes.append("stopped leftover \(service.id) pid \(pid)")
        }
        if state.runtime == .runc {
            notes += RuncLauncher(layout: layout).removeAll().map { "deleted leftover container \($0)" }
        }
        notes += await removeGuests(state)
        let driver = LocalDriver(state: state)
        for ns in driver.existingNamespaces() {
            for pid in Netns.pids(ns) where ProcessTable.commandLine(pid).contains(layout.root) {
                await ProcessTable.terminate(pid, grace: .seconds(1))
                notes.append("stopped leftover pid \(pid) in \(ns)")
            }
            Netns.delete(ns)
            notes.append("deleted leftover namespace \(ns)")
        }
        return notes
    }

    /// Instances are not stopped when their agent stops (a restarted agent adopts them): `down` removes
    /// them — every guest container in an agent's runc root, every instance and metadata namespace and what
    /// runs in it.
    func removeGuests(_ state: ClusterState) async -> [String] {
        var notes: [String] = []
        let existing = Netns.list()
        for node in state.spec.nodes where node.has(.compute) {
            let root = "\(layout.agentDir(node.name))/runc"
            for id in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
                _ = Program.probe("runc", ["--root", root, "kill", id, "KILL"])
                _ = Program.probe("runc", ["--root", root, "delete", "--force", id])
                notes.append("deleted guest container \(id)")
            }
            let prefixes = ["vm", "meta"].map { "\(state.names.netns(node.name))-\($0)-" }
            for ns in existing where prefixes.contains(where: ns.hasPrefix) {
                for pid in Netns.pids(ns) { await ProcessTable.terminate(pid, grace: .milliseconds(500)) }
                Netns.delete(ns)
                notes.append("deleted instance namespace \(ns)")
            }
        }
        return notes
    }
}
