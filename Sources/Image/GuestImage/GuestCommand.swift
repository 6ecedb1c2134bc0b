import Foundation

/// Runs a host program to completion for the guest image build (`ldd`, `tar`, `busybox --list-full`).
enum GuestCommand {
    /// What a program printed (stdout and stderr) and its exit status.
    struct Result: Sendable {
        let status: Int32
        let output: String
    }

    /// Runs `program` (looked up in the usual bin directories) with stdin from /dev/null; throws
    /// `commandFailed` unless it exits 0 or `allowFailure` is set.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], allowFailure: Bool = false) throws -> Result {
        let candidates = program.hasPrefix("/") ? [program] : GuestHostPrograms.searchDirectories.map { "\($0)/\(program)" }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw GuestImageError.commandFailed(program, output: "\(program) is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
        guard allowFailure || result.status == 0 else {
            throw GuestImageError.commandFailed(([program] + arguments).joined(separator: " "), output: result.output)
        }
        return result
    }
}
