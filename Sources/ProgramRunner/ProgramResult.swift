/// What a finished program returned: its exit status and its combined stdout and stderr.
public struct ProgramResult: Sendable {
    /// The exit status (127: not found, 126: could not be started).
    public let status: Int32
    /// Standard output and standard error, interleaved as written.
    public let output: String
    /// Whether the program exited 0.
    public var succeeded: Bool { status == 0 }

    /// A result as `Program.probe` reports it.
    public init(status: Int32, output: String) {
        self.status = status
        self.output = output
    }
}
