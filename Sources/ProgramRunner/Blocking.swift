import Dispatch

/// Runs blocking work (child processes waited for synchronously) on a Dispatch queue, so the
/// cooperative thread pool — two threads on a two-core machine — never stalls on it.
public enum Blocking {
    /// Runs `body` on a Dispatch queue and returns its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
