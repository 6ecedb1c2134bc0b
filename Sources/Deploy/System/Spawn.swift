import Foundation
import ProgramRunner
#if canImport(Glibc)
import Glibc
#endif

/// Starts long-running programs with `posix_spawn`: own session, stdin from /dev/null, stdout and
/// stderr appended to a log file, default signal dispositions. The caller watches the pid.
public enum Spawn {
    /// Starts `path` with `arguments` and exactly `environment`; returns the child's pid.
    public static func start(_ path: String, _ arguments: [String], environment: [String: String], logFile: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        _ = closeFrom?(&actions, 3)  // no stray descriptor (a lock, a socket) leaks into a daemon

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID: not imported into Swift from spawn.h
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | setsid))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw DeployError.system(call: "posix_spawn \(path)", reason: String(cString: strerror(rc))) }
        return pid
    }

    /// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np`, which Swift does not import.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let closeFrom: CloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

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
