public import Foundation
import ProgramRunner

/// One `ovnstack serve …` as a real child process, so that a crash shows as a dead pid instead of killing the
/// test runner. Its output goes to a log file; it is stopped by its pid only.
public final class ServiceProcess: Sendable {
    /// The service's name, for messages.
    public let name: String
    /// Where its stdout and stderr go.
    public let logFile: URL
    /// The port it listens on.
    public let port: Int
    private let process: RunningProgram

    /// The pid.
    public var pid: Int32 { process.pid }
    /// Whether the process still runs.
    public var isAlive: Bool { process.isRunning }
    /// `http://127.0.0.1:<port>`.
    public var url: String { "http://127.0.0.1:\(port)" }
    /// A client of the service.
    public var client: APIClient { APIClient(baseURL: url) }

    /// The `ovnstack` binary: `$OVNSTACK_BIN`, beside the test bundle, or `.build/debug/ovnstack` of this checkout
    /// (`swift build --build-tests` builds it).
    public static func binary() throws -> String {
        if let env = ProcessInfo.processInfo.environment["OVNSTACK_BIN"] { return env }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ovnstack").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        let built = root.appendingPathComponent(".build/debug/ovnstack").path
        guard FileManager.default.isExecutableFile(atPath: built) else { throw TestFailure("no ovnstack binary: run swift build --build-tests") }
        return built
    }

    /// Starts `ovnstack serve <service> <arguments>` and waits (up to `timeout`) for its `listening on` line.
    public static func start(_ service: String, _ arguments: [String], logFile: URL, timeout: Duration = .seconds(60)) async throws -> ServiceProcess {
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let process = try Program.start(try binary(), ["serve", service] + arguments, logFile: logFile.path)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            if let match = text.firstMatch(of: /listening on http:\/\/[^\s:]+:(\d+)/), let port = Int(match.1) {
                return ServiceProcess(name: service, logFile: logFile, port: port, process: process)
            }
            guard process.isRunning else { throw TestFailure("ovnstack serve \(service) ended (\(process.exitDescription)): \(text)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(process.pid, SIGKILL)
        process.waitUntilExit()
        throw TestFailure("ovnstack serve \(service) did not listen within \(timeout)")
    }

    private init(name: String, logFile: URL, port: Int, process: RunningProgram) {
        self.name = name
        self.logFile = logFile
        self.port = port
        self.process = process
    }

    /// The log so far.
    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// How it ended, once it has (`exit 1`, `signal 4`).
    public var exitDescription: String { process.exitDescription }

    /// Stops it: SIGTERM (its graceful shutdown), SIGKILL after `grace`.
    public func stop(grace: Duration = .seconds(10)) async {
        guard process.isRunning else { return }
        kill(process.pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.pid, SIGKILL) }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            kill(process.pid, SIGKILL)
            process.waitUntilExit()
        }
    }
}
