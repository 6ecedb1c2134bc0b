import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs external programs (`ip`, `ovs-appctl`, `ovsdb-tool`, test servers) through `ChildProcess`:
/// to completion with their output captured, or in the background for the caller to stop.
public enum Program {
    /// The directories searched after PATH: Debian puts daemons in the sbin ones.
    static let fallbackPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The full path of `program` (searched on PATH, then the sbin directories), or nil when it is not installed.
    public static func find(_ program: String) -> String? {
        if program.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":" + fallbackPath
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `program` with stdin from /dev/null and returns its status and combined output,
    /// never throwing: a missing program is status 127, one that cannot start 126.
    public static func probe(_ program: String, _ arguments: [String], environment: [String: String]? = nil) -> ProgramResult {
        guard let path = find(program) else { return ProgramResult(status: 127, output: "\(program): not found") }
        var ends: [Int32] = [-1, -1]
        // Close-on-exec is set after the fact (Swift does not import pipe2); a child spawned between the two
        // still gets neither end, as every spawn closes all descriptors above stderr.
        guard pipe(&ends) == 0, fcntl(ends[0], F_SETFD, FD_CLOEXEC) == 0, fcntl(ends[1], F_SETFD, FD_CLOEXEC) == 0 else {
            return ProgramResult(status: 126, output: "\(program): pipe: \(String(cString: strerror(errno)))")
        }
        let pid: pid_t
        do {
            let env = ProcessInfo.processInfo.environment.merging(environment ?? [:]) { $1 }
            pid = try ChildProcess.spawn(path, arguments, environment: env, output: .descriptor(ends[1]))
        } catch {
            close(ends[0])
            close(ends[1])
            return ProgramResult(status: 126, output: "\(program): \(error.output)")
        }
        close(ends[1])
        let output = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true).readDataToEndOfFile()
        return ProgramResult(status: ChildProcess.wait(pid), output: String(decoding: output, as: UTF8.self))
    }

    /// Runs `program` and returns its output; throws a `ProgramFailure` unless it exits 0.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws(ProgramFailure) -> String {
        let result = probe(program, arguments, environment: environment)
        guard result.succeeded else {
            throw ProgramFailure(command: ([program] + arguments).joined(separator: " "), status: result.status, output: result.output)
        }
        return result.output
    }

    /// `run` without blocking the cooperative thread pool.
    @discardableResult
    public static func runAsync(_ program: String, _ arguments: [String]) async throws(ProgramFailure) -> String {
        let result = await probeAsync(program, arguments)
        guard result.succeeded else {
            throw ProgramFailure(command: ([program] + arguments).joined(separator: " "), status: result.status, output: result.output)
        }
        return result.output
    }

    /// `probe` without blocking the cooperative thread pool.
    public static func probeAsync(_ program: String, _ arguments: [String]) async -> ProgramResult {
        (try? await Blocking.run { probe(program, arguments) }) ?? ProgramResult(status: 126, output: "\(program): not run")
    }

    /// Starts a long-running program in the background, its output discarded or appended to `logFile`;
    /// the caller stops it (`kill(pid, …)`, `waitUntilExit()`).
    public static func start(_ program: String, _ arguments: [String], logFile: String? = nil) throws(ProgramFailure) -> RunningProgram {
        guard let path = find(program) else { throw ProgramFailure(command: program, status: 127, output: "\(program): not found") }
        let output: ChildProcess.Output = logFile.map { .appended(toFile: $0) } ?? .discarded
        return RunningProgram(pid: try ChildProcess.spawn(path, arguments, environment: ProcessInfo.processInfo.environment, output: output))
    }
}
