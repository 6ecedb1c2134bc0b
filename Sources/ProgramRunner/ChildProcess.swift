import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts child processes with `posix_spawn`: stdin from /dev/null, stdout and stderr to one place,
/// no descriptor of ours but those, an empty signal mask and default dispositions.
///
/// Every child of the project starts here, never through Foundation's `Process`: on Linux its `run()`
/// lists /proc/self/fd by copying whole 256-byte `d_name`s out of readdir's buffer and now and then
/// reads past a mapped page (swift-corelibs-foundation PR 5472, not in Swift 6.3.1): a SIGSEGV that
/// took whole test runs down. It also passes on this process's signal mask, in which the runtime's
/// threads block SIGTERM and SIGCHLD, so children (runc's init, dropbear) never saw them.
public enum ChildProcess {
    /// Where the child's stdout and stderr go.
    public enum Output: Sendable {
        /// Discarded (/dev/null).
        case discarded
        /// Appended to the file at this path, created with `mode` if missing.
        case appended(toFile: String, mode: mode_t = 0o644)
        /// Written to this open descriptor (a pipe's write end).
        case descriptor(Int32)
    }

    /// Starts `path` with `arguments` and exactly `environment`; `newSession` puts it in a session of
    /// its own (a daemon that must not get the terminal's signals). Returns the child's pid.
    public static func spawn(_ path: String, _ arguments: [String], environment: [String: String],
                             output: Output, newSession: Bool = false) throws(ProgramFailure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch output {
        case .discarded: posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .appended(let file, let mode): posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_APPEND, mode)
        case .descriptor(let fd): posix_spawn_file_actions_adddup2(&actions, fd, 1)
        }
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        _ = closeFrom?(&actions, 3)  // no stray descriptor (a lock, a socket, a pipe's other end) leaks into the child

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
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (newSession ? setsid : 0)))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            throw ProgramFailure(command: ([path] + arguments).joined(separator: " "), status: 126,
                                 output: "posix_spawn: \(String(cString: strerror(rc)))")
        }
        return pid
    }

    /// Waits for the child `pid` to end; returns its exit status, 128 + the signal when one killed it,
    /// -1 when it is not our child.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return -1 }
        }
        return exitStatus(status)
    }

    /// The exit status in a `waitpid` status word (128 + signal for a killed child, as shells say it).
    static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np`, which Swift does not import.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let closeFrom: CloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()
}
