/// A program that did not run to a zero exit: not installed, not startable, or exited non-zero.
public struct ProgramFailure: Error, Sendable, CustomStringConvertible {
    /// The command line, program and arguments joined by spaces.
    public let command: String
    /// The exit status (127: not found, 126: could not be started).
    public let status: Int32
    /// What the program printed, or why it could not start.
    public let output: String

    /// A failure of `command` with `status` and what it printed.
    public init(command: String, status: Int32, output: String) {
        self.command = command
        self.status = status
        self.output = output
    }

    /// Whether the program was not found on PATH.
    public var notFound: Bool { status == 127 }

    /// The command, its status and what it printed.
    public var description: String {
        "`\(command)` exited \(status): \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
    }
}
