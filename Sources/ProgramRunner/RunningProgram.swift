import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A program started in the background by `Program.start`: its pid, and its exit once it has ended.
/// The caller stops it (`kill(pid, …)`, then `waitUntilExit()`); nothing else reaps it.
public final class RunningProgram: Sendable {
    /// The child's pid.
    public let pid: pid_t
    /// The exit status once reaped (128 + signal for a killed child).
    private let exit = Mutex<Int32?>(nil)

    init(pid: pid_t) {
        self.pid = pid
    }

    /// Whether it has not ended yet (reaps it when it has).
    public var isRunning: Bool { reap() == nil }

    /// Blocks until it has ended; returns its exit status (128 + signal for a killed child).
    @discardableResult
    public func waitUntilExit() -> Int32 {
        // Polled, not a blocking waitpid: every reap happens under the lock, so a concurrent `isRunning` can neither
        // take the status away nor, once the pid is reaped and reused, reap another child.
        while true {
            if let status = reap() { return status }
            usleep(5_000)
        }
    }

    /// The exit status, reaping the child if it has ended since the last look; nil while it runs.
    private func reap() -> Int32? {
        exit.withLock { status in
            guard status == nil else { return status }
            var raw: Int32 = 0
            let rc = waitpid(pid, &raw, WNOHANG)
            if rc == pid { status = ChildProcess.exitStatus(raw) } else if rc == -1 && errno == ECHILD { status = -1 }
            return status
        }
    }

    /// Its exit status, nil while it runs.
    public var terminationStatus: Int32? { reap() }

    /// How it ended, once it has (`exit 1`, `signal 4`), or `running`.
    public var exitDescription: String {
        guard let status = terminationStatus else { return "running" }
        return status > 128 ? "signal \(status - 128)" : "exit \(status)"
    }
}
