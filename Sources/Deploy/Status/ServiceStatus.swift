import Foundation

/// Where a supervised service is in its life.
public enum ServicePhase: String, Sendable, Codable {
    case starting, running, backoff, stopped, failed
}

/// One service as the supervisor sees it (and `status` shows it).
public struct ServiceStatus: Sendable, Codable, Hashable {
    public var node: String
    public var service: String
    public var pid: Int32?
    /// Unix time the current process started.
    public var startedAt: Double?
    public var restarts: Int
    public var phase: ServicePhase
    /// How the last process ended (`exit 1`, `signal 9`), if one did.
    public var lastExit: String?
    /// Filled in by `status`: the runc container id (runc runtime only),
    public var container: String?
    /// seconds since start, and whether it answers.
    public var uptime: Double?
    public var healthy: Bool?
}

/// What the supervisor writes to `status.json` whenever a service changes.
public struct SupervisorReport: Sendable, Codable, Hashable {
    public var cluster: String
    public var pid: Int32
    public var startedAt: Double
    public var runtime: RuntimeKind
    /// True once the whole cluster came up (all chassis registered, tunnel mesh complete).
    public var ready: Bool
    public var services: [ServiceStatus]

    /// Reads `status.json`.
    public static func load(_ layout: StateLayout) -> SupervisorReport? {
        guard let data = FileManager.default.contents(atPath: layout.statusFile) else { return nil }
        return try? JSONDecoder().decode(SupervisorReport.self, from: data)
    }

    /// Writes `status.json` atomically.
    public func save(_ layout: StateLayout) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try? encoder.encode(self).write(to: URL(fileURLWithPath: layout.statusFile), options: .atomic)
    }
}
