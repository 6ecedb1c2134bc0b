/// Restart delays for a crashing service: 100 ms, doubling to at most 5 s; a service that ran
/// for a while before crashing starts over at 100 ms.
public struct Backoff: Sendable {
    public var first: Duration = .milliseconds(100)
    public var longest: Duration = .seconds(5)
    /// A run at least this long resets the sequence.
    public var stableAfter: Duration = .seconds(30)

    public init() {}

    /// The delay before restart attempt `attempt` (0-based).
    public func delay(_ attempt: Int) -> Duration {
        var d = first
        for _ in 0..<min(attempt, 16) { d = d * 2 }
        return min(d, longest)
    }
}
