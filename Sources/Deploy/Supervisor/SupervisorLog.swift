import Foundation

/// Timestamped lines on the supervisor's stderr (redirected to `supervisor.log`).
enum SupervisorLog {
    static func info(_ message: String) {
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        FileHandle.standardError.write(Data("\(stamp) \(message)\n".utf8))
    }
}
