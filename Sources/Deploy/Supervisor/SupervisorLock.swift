import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One supervisor per cluster: an exclusive `flock` on `supervisor.lock`, held for the
/// supervisor's lifetime (the kernel drops it when the process dies, even by SIGKILL),
/// and the pid in `supervisor.pid`.
final class SupervisorLock: Sendable {
    let fd: Int32
    let layout: StateLayout

    private init(fd: Int32, layout: StateLayout) {
        self.fd = fd
        self.layout = layout
    }

    /// Takes the lock and writes the pid file; throws if another supervisor holds it.
    static func acquire(_ layout: StateLayout) throws -> SupervisorLock {
        try FileManager.default.createDirectory(atPath: layout.root, withIntermediateDirectories: true)
        let fd = open(layout.supervisorLockFile, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DeployError.system(call: "open \(layout.supervisorLockFile)", reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            let holder = ProcessTable.readPidFile(layout.supervisorPidFile).map(String.init) ?? "?"
            throw DeployError.alreadySupervised(pid: holder)
        }
        try "\(getpid())\n".write(toFile: layout.supervisorPidFile, atomically: true, encoding: .utf8)
        return SupervisorLock(fd: fd, layout: layout)
    }

    /// Removes the pid file and drops the lock.
    func release() {
        try? FileManager.default.removeItem(atPath: layout.supervisorPidFile)
        flock(fd, LOCK_UN)
        close(fd)
    }
}
