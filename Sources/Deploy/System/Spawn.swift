import Foundation
import ProgramRunner
#if canImport(Glibc)
import Glibc
#endif

/// Starts long-running programs (`ChildProcess` in a session of their own, stdout and stderr appended to
/// a log file); the caller watches the pid.
public enum Spawn {
    /// Starts `path` with `arguments` and exactly `environment`; returns the child's pid.
    public static func start(_ path: String, _ arguments: [String], environment: [String: String], logFile: String) throws -> pid_t {
        do {
            return try ChildProcess.spawn(path, arguments, environment: environment, output: .appended(toFile: logFile), newSession: true)
        } catch {
            throw DeployError.system(call: "posix_spawn \(path)", reason: error.output)
        }
    }

    /// Replaces this process with `program` (for pass-through commands such as `ovnstack nbctl`).
    public static func exec(_ program: String, _ arguments: [String]) -> Never {
        guard let path = Program.find(program) else {
            FileHandle.standardError.write(Data("ovnstack: \(program) not found; install openvswitch-switch and ovn-central\n".utf8))
            exit(127)
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        FileHandle.standardError.write(Data("ovnstack: exec \(path): \(String(cString: strerror(errno)))\n".utf8))
        exit(126)
    }

    /// The environment every child gets: this process's, with overrides.
    public static func environment(_ overrides: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        if env["PATH"] == nil { env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }
        return env.merging(overrides) { $1 }
    }
}
