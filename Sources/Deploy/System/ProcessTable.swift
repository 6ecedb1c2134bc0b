import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads and signals processes by pid through /proc, never by name.
public enum ProcessTable {
    /// Whether `pid` exists and is not a zombie.
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    /// The command line of `pid`, arguments joined by spaces ("" when gone).
    public static func commandLine(_ pid: pid_t) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
        return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether `pid` is alive and its command line contains every marker (our state dir, the program).
    public static func isOurs(_ pid: pid_t, markers: [String]) -> Bool {
        guard isAlive(pid) else { return false }
        let line = commandLine(pid)
        return markers.allSatisfy { line.contains($0) }
    }

    /// The pid written in a pid file, if any.
    public static func readPidFile(_ path: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Seconds since `pid` started (from /proc/<pid>/stat field 22 and the system uptime).
    public static func uptime(_ pid: pid_t) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")"),
            let up = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
            let systemUp = Double(up.split(separator: " ").first ?? "")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        return systemUp - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident set size of `pid` in KiB.
    public static func rssKiB(_ pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }

    /// Reaps our child `pid` if it has exited; returns a description of how it ended, or nil if running.
    /// A pid that is not our child (adopted after a supervisor restart) is checked through /proc.
    public static func reapIfExited(_ pid: pid_t) -> String? {
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        if rc == pid {
            if status & 0x7f == 0 { return "exit \((status >> 8) & 0xff)" }
            return "signal \(status & 0x7f)"
        }
        if rc == 0 { return nil }
        return isAlive(pid) ? nil : "exited"  // not our child (a container, an adopted daemon): no status
    }

    /// Sends `signal` to `pid` (ignores a pid that is already gone).
    public static func signal(_ pid: pid_t, _ signal: Int32) {
        if pid > 0 { _ = kill(pid, signal) }
    }

    /// Sends SIGTERM, waits up to `grace`, then SIGKILL; returns when the pid is gone.
    public static func terminate(_ pid: pid_t, grace: Duration = .seconds(3)) async {
        guard isAlive(pid) else {
            _ = reapIfExited(pid)
            return
        }
        signal(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            if reapIfExited(pid) != nil || !isAlive(pid) { return }
            try? await Task.sleep(for: .milliseconds(20))
        }
        signal(pid, SIGKILL)
        for _ in 0..<100 {
            if reapIfExited(pid) != nil || !isAlive(pid) { return }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

extension ProcessTable {
    /// Pids of live processes whose command line contains `text` (a state directory).
    public static func pids(mentioning text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { isAlive($0) && commandLine($0).contains(text) }
    }
}
