import Foundation

/// Finds the programs ovnstack drives: on PATH, plus the sbin directories where Debian puts daemons.
public enum Executables {
    /// The full path of `program`, or nil when it is not installed.
    public static func find(_ program: String) -> String? {
        if program.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The running `ovnstack` binary (what the supervisor and containers execute).
    public static var current: String {
        if let override = ProcessInfo.processInfo.environment["OVNSTACK_BIN"], !override.isEmpty { return override }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
