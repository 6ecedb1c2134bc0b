import Foundation

/// Runs external programs (`ip`, `ovs-appctl`, `ovsdb-tool`, test servers) through Foundation's
/// `Process`: to completion with their output captured, or in the background for the caller to stop.
/// Daemons that must outlive their parent use `posix_spawn` in Deploy's `Spawn` instead.
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return ProgramResult(status: 126, output: "\(program): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProgramResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
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

    /// Starts a long-running program in the background, its output discarded; the caller stops it
    /// (`terminate()`, `waitUntilExit()`).
    public static func start(_ program: String, _ arguments: [String]) throws(ProgramFailure) -> Process {
        guard let path = find(program) else { throw ProgramFailure(command: program, status: 127, output: "\(program): not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ProgramFailure(command: ([program] + arguments).joined(separator: " "), status: 126, output: "\(error)")
        }
        return process
    }
}
