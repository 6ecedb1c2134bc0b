import Foundation

/// The running `ovnstack` binary (what the supervisor and containers execute).
public enum Executables {
    /// Its path: `OVNSTACK_BIN` when set, else this process's executable.
    public static var current: String {
        if let override = ProcessInfo.processInfo.environment["OVNSTACK_BIN"], !override.isEmpty { return override }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
