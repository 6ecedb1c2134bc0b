import Dispatch
import Foundation

/// Cancels a serving task on SIGTERM or SIGINT so the service shuts down cleanly (exiting at most 3 s later).
final class SignalCancellation {
    private let sources: [any DispatchSourceSignal]

    /// Starts watching SIGTERM and SIGINT for `task`.
    init(task: Task<Void, any Error>) {
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                task.cancel()
                // Open keep-alive connections may hold the server; do not outlive a stop request by much.
                DispatchQueue.global().asyncAfter(deadline: .now() + 3) { exit(0) }
            }
            source.resume()
            return source
        }
    }

    /// Stops watching.
    func stop() { sources.forEach { $0.cancel() } }
}
