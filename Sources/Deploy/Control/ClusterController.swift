import Foundation

/// What `up`, `down` and `status` do, independent of the command line.
public struct ClusterController: Sendable {
    public let layout: StateLayout

    public init(layout: StateLayout) { self.layout = layout }

    /// The outcome of `up`.
    public enum UpResult: Sendable, Equatable {
        /// The cluster was already up and healthy: nothing changed.
        case alreadyUp
        /// A supervisor brought it up (fresh, or adopting daemons of a crashed supervisor).
        case started(seconds: Double)
    }

    /// Brings the cluster up (idempotent). `print` receives each step line as it happens.
    public func up(spec: ClusterSpec, runtime: RuntimeKind, timeout: Duration = .seconds(90),
                   print: @Sendable (String) -> Void) async throws -> UpResult {
        let spec = try spec.resolved()
        let handle = SupervisorHandle(layout: layout)
        if handle.pid != nil, let report = SupervisorReport.load(layout), report.ready {
            let previous = try ClusterState.load(layout)
            if let previous, previous.spec != spec {
                print("note: the running cluster was built from another spec; `ovnstack down` first to apply this one")
            }
            return .alreadyUp
        }
        let begin = ContinuousClock.now
        let progress = ProgressLog(path: layout.progressLog)
        var supervisorPid = handle.pid
        if supervisorPid == nil {
            let previous = (try? ClusterState.load(layout)) ?? nil
            var state = ClusterState(spec: spec, runtime: runtime, previous: previous)
            if state.apiPorts == nil { state.apiPorts = try APIPorts.choose(cluster: spec.name) }
            if let busy = PreflightChecks.busyPort(state, layout: layout) {
                throw DeployError.portBusy(detail: busy.detail, fix: busy.fix ?? "")
            }
            try state.save(layout)
            progress.reset()
            supervisorPid = try handle.launch()
        } else {
            print("a supervisor (pid \(supervisorPid!)) is bringing the cluster up; following it")
        }
        var offset: UInt64 = 0
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (lines, next) = progress.read(from: offset)
            offset = next
            for line in lines {
                if line.hasPrefix(ProgressLog.failedPrefix) {
                    throw DeployError.supervisorFailed(line, log: layout.supervisorLog)
                }
                if line.hasPrefix(ProgressLog.readyPrefix) {
                    print(line)
                    return .started(seconds: (ContinuousClock.now - begin).seconds)
                }
                if line != "STOPPED" { print(line) }
            }
            if let pid = supervisorPid, ProcessTable.reapIfExited(pid) != nil || !ProcessTable.isAlive(pid) {
                throw DeployError.supervisorFailed("the supervisor exited", log: layout.supervisorLog)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw DeployError.supervisorFailed("not ready after \(timeout)", log: layout.supervisorLog)
    }
}
