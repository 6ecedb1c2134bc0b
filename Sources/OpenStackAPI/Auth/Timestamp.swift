import Foundation

/// OpenStack timestamps: `2026-11-27T01:09:37.000000Z` (Keystone) and `2026-11-27T01:09:37Z`.
public enum Timestamp {
    /// Keystone's token style, microseconds always written.
    public static func keystone(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        return iso(Date(timeIntervalSince1970: seconds)).dropLast() + ".000000Z"
    }

    /// Seconds precision with `Z`.
    public static func iso(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }

    /// Parses either style (fraction optional); nil when malformed.
    public static func parse(_ text: String) -> Date? {
        var s = text
        if let dot = s.firstIndex(of: ".") {
            let end = s[dot...].firstIndex { $0 == "Z" || $0 == "+" || $0 == "-" } ?? s.endIndex
            s.removeSubrange(dot..<end)
        }
        if s.hasSuffix("+0000") || s.hasSuffix("+00:00") { s = String(s.dropLast(s.hasSuffix("+0000") ? 5 : 6)) + "Z" }
        return try? Date(s, strategy: .iso8601)
    }
}
