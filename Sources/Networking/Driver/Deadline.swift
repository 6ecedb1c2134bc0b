import Foundation

/// Waits for an operation at most a given time, without waiting for the operation to notice:
/// a Northbound write stuck behind a reconnect keeps running (and lands later) while the caller goes on.
enum Deadline {
    struct Expired: Error {}

    static func run(within limit: Duration, _ operation: @escaping @Sendable () async throws -> Void) async throws {
        let once = Once()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            once.set(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                once.resume(with: .failure(Expired()))
            }
            Task {
                do {
                    try await operation()
                    once.resume(with: .success(()))
                } catch {
                    once.resume(with: .failure(error))
                }
                timer.cancel()
            }
        }
    }

    /// Resumes a continuation exactly once, whichever side finishes first.
    private final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Void, any Error>?

        func set(_ c: CheckedContinuation<Void, any Error>) { lock.withLock { continuation = c } }

        func resume(with result: Result<Void, any Error>) {
            let c = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
                defer { continuation = nil }
                return continuation
            }
            c?.resume(with: result)
        }
    }
}
