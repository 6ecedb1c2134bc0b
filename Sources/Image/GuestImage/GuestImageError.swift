/// Why the built-in guest image could not be built; each case says what to do.
public enum GuestImageError: Error, Sendable, CustomStringConvertible {
    /// A program the guest copies from the host is not installed.
    case missingProgram(String, package: String)
    /// A host command the build runs failed.
    case commandFailed(String, output: String)

    /// What went wrong and the fix.
    public var description: String {
        switch self {
        case let .missingProgram(program, package):
            "the built-in guest image needs \(program) from Debian's \(package) package: apt-get install \(package)"
        case let .commandFailed(command, output):
            "building the built-in guest image: `\(command)` failed: \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}
