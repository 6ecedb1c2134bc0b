import Foundation

/// Timestamps as Nova prints them: `2026-12-01T21:00:00Z` for servers, `2026-12-01T21:00:00.000000` for keypairs and services.
enum ComputeClock {
    /// Seconds since 1970 now.
    static func now() -> Double { Date().timeIntervalSince1970 }

    /// ISO 8601 with `Z` (servers, faults).
    static func iso(_ time: Double) -> String {
        Date(timeIntervalSince1970: time.rounded(.down)).formatted(.iso8601.year().month().day().dateSeparator(.dash)
            .time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }

    /// Nova's oslo style without zone, microseconds written (`2026-12-01T21:00:00.000000`).
    static func oslo(_ time: Double) -> String {
        String(iso(time).dropLast()) + String(format: ".%06d", Int((time - time.rounded(.down)) * 1_000_000))
    }

    /// Parses `changes-since` style timestamps (with or without zone and fraction); nil when malformed.
    static func parse(_ text: String) -> Double? {
        var s = text
        if let dot = s.firstIndex(of: ".") {
            let end = s[dot...].firstIndex { $0 == "Z" || $0 == "+" || $0 == "-" } ?? s.endIndex
            s.removeSubrange(dot..<end)
        }
        if s.hasSuffix("+00:00") { s = String(s.dropLast(6)) }
        if !s.hasSuffix("Z") { s += "Z" }
        return (try? Date(s, strategy: .iso8601))?.timeIntervalSince1970
    }
}
