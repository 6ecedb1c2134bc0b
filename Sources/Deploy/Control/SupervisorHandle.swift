import Foundation

/// The running supervisor of a cluster, found through its pid file and checked by command line.
public struct SupervisorHandle: Sendable {
    public let layout: StateLayout

    public init(layout: StateLayout) { self.layout = layout }

    /// The supervisor's pid if it is alive and really ours.
    public var pid: Int32? {
        guard let pid = ProcessTable.readPidFile(layout.supervisorPidFile),
            ProcessTable.isOurs(pid, markers: ["supervise", layout.root])
        else { return nil }
        return pid
    }

    /// Starts `ovnstack supervise` detached (own session, output to supervisor.log).
    public func launch() throws -> Int32 {
        try Spawn.start(
            Executables.current, ["supervise", "--state-dir", layout.root],
            environment: Spawn.environment(), logFile: layout.supervisorLog)
    }
}
