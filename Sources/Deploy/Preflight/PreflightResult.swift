/// The outcome of one preflight check; a failing one names its fix.
public struct PreflightResult: Sendable, Codable, Hashable {
    public enum Outcome: String, Sendable, Codable { case pass, warn, fail }

    public var check: String
    public var outcome: Outcome
    public var detail: String
    /// What to run or change, for `warn` and `fail`.
    public var fix: String?

    public static func pass(_ check: String, _ detail: String) -> PreflightResult {
        PreflightResult(check: check, outcome: .pass, detail: detail, fix: nil)
    }
    public static func warn(_ check: String, _ detail: String, fix: String) -> PreflightResult {
        PreflightResult(check: check, outcome: .warn, detail: detail, fix: fix)
    }
    public static func fail(_ check: String, _ detail: String, fix: String) -> PreflightResult {
        PreflightResult(check: check, outcome: .fail, detail: detail, fix: fix)
    }

    /// `[PASS] check: detail` and, when there is one, an indented `fix:` line.
    public var text: String {
        "[\(outcome.rawValue.uppercased())] \(check): \(detail)" + (fix.map { "\n       fix: \($0)" } ?? "")
    }
}
