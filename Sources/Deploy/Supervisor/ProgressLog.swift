import Foundation

/// The step lines of a bring-up, appended to `progress.log` by the supervisor and printed by `up`.
/// The last line is `READY …` or `FAILED …`.
public struct ProgressLog: Sendable {
    public let path: String
    public static let readyPrefix = "READY"
    public static let failedPrefix = "FAILED"

    public init(path: String) { self.path = path }

    /// Starts a fresh log.
    public func reset() {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
    }

    /// Appends one line.
    public func write(_ line: String) {
        let data = Data((line + "\n").utf8)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            _ = FileManager.default.createFile(atPath: path, contents: data)
            return
        }
        handle.seekToEndOfFile()
        handle.write(data)
        try? handle.close()
    }

    /// A step line: what was done and how long it took.
    public func step(_ what: String, since start: ContinuousClock.Instant) {
        let padded = what.count < 52 ? what + String(repeating: " ", count: 52 - what.count) : what
        write("  \(padded) \(String(format: "%6.2f", (ContinuousClock.now - start).seconds))s")
    }

    /// Lines from byte `offset` on, and the offset after them (only whole lines).
    public func read(from offset: UInt64) -> (lines: [String], next: UInt64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return ([], offset) }
        defer { try? handle.close() }
        handle.seek(toFileOffset: offset)
        let data = handle.readDataToEndOfFile()
        guard let lastNewline = data.lastIndex(of: 0x0A) else { return ([], offset) }
        let text = String(decoding: data[data.startIndex...lastNewline], as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        return (lines, offset + UInt64(lastNewline - data.startIndex + 1))
    }
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
