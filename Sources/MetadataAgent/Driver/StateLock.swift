import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `<state dir>/metadata-agent.lock`, held while the agent runs, so that two agents of
/// one node never provision the same namespaces at once (the kernel drops it when the process ends).
final class StateLock: Sendable {
    private let descriptor: Int32
    /// The lock file.
    let path: String

    /// Takes the lock, or throws naming who to stop.
    init(directory: URL, host: String) throws(MetadataAgentError) {
        path = directory.appendingPathComponent("metadata-agent.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .configuration("cannot open \(path): \(String(cString: strerror(errno))); is --state-dir writable?")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .configuration("another metadata agent of \(host) runs (it holds \(path)); stop it first")
        }
    }

    /// Gives the lock back.
    func release() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
