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

/// Runs a service in the foreground the same way for every `serve` command: the pid file written once it
/// serves (removed at exit), one "listening" line on stdout, and SIGTERM/SIGINT as a clean stop.
enum Foreground {
    /// Runs `service`, which calls its `onReady` with the bound port; `line` is the message printed then.
    static func serve(pidfile: String?, line: @escaping @Sendable (Int) -> String,
                      _ service: @escaping @Sendable (@escaping @Sendable (Int) async -> Void) async throws -> Void) async throws {
        defer { if let pidfile { try? FileManager.default.removeItem(atPath: pidfile) } }
        let task = Task {
            try await service { port in
                if let pidfile { try? Data("\(getpid())\n".utf8).write(to: URL(fileURLWithPath: pidfile), options: .atomic) }
                FileHandle.standardOutput.write(Data((line(port) + "\n").utf8))
            }
        }
        let signals = SignalCancellation(task: task)
        defer { signals.stop() }
        try await task.value
    }
}
