import Foundation
import Logging

/// Every line a test's agent wrote — progress lines and log records with their metadata — so a test can check
/// what it said, and that the shared secret is never among it.
final class RecordingLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    /// Everything recorded so far.
    var lines: [String] { lock.withLock { stored } }

    /// Records one line.
    func record(_ line: String) { lock.withLock { stored.append(line) } }

    /// A logger at trace level that records into this log.
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { _ in Handler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let log: RecordingLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            log.record("\(event.level) \(event.message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
        }
    }
}
