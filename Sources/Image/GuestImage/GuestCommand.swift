import Foundation
import ProgramRunner

/// Runs a host program to completion for the guest image build (`ldd`, `tar`, `busybox --list-full`).
enum GuestCommand {
    /// Runs `program` (looked up in the usual bin directories) with stdin from /dev/null; throws
    /// `commandFailed` unless it exits 0 or `allowFailure` is set.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], allowFailure: Bool = false) throws -> ProgramResult {
        let candidates = program.hasPrefix("/") ? [program] : GuestHostPrograms.searchDirectories.map { "\($0)/\(program)" }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw GuestImageError.commandFailed(program, output: "\(program) is not installed")
        }
        let result = Program.probe(path, arguments)
        guard allowFailure || result.status == 0 else {
            throw GuestImageError.commandFailed(([program] + arguments).joined(separator: " "), output: result.output)
        }
        return result
    }
}
