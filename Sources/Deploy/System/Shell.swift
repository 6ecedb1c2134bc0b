import Foundation

/// Runs short external programs (`ip`, `ethtool`, `ovs-appctl`, `ovsdb-tool`) to completion.
public enum Shell {
    /// What a finished program returned.
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
        public var succeeded: Bool { status == 0 }
    }

    /// A program that exited non-zero, with what it printed.
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let output: String
        public var description: String { "`\(command)` exited \(status): \(output.trimmingCharacters(in: .whitespacesAndNewlines))" }
    }

    /// Runs `program` and returns its status and combined stdout+stderr, never throwing on a non-zero exit.
    public static func probe(_ program: String, _ arguments: [String], environment: [String: String]? = nil) -> Result {
        let process = Process()
        guard let path = Executables.find(program) else { return Result(status: 127, output: "\(program): not found") }
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return Result(status: 126, output: "\(program): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Runs `program` and returns its output; throws `Failure` on a non-zero exit.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
        let result = probe(program, arguments, environment: environment)
        guard result.succeeded else {
            throw Failure(command: ([program] + arguments).joined(separator: " "), status: result.status, output: result.output)
        }
        return result.output
    }

    /// `run` without blocking the cooperative thread pool.
    @discardableResult
    public static func runAsync(_ program: String, _ arguments: [String]) async throws -> String {
        try await Blocking.run { try run(program, arguments) }
    }

    /// `probe` without blocking the cooperative thread pool.
    public static func probeAsync(_ program: String, _ arguments: [String]) async -> Result {
        (try? await Blocking.run { probe(program, arguments) }) ?? Result(status: 1, output: "")
    }
}
