/// A failure inside test support, with what was expected and what came instead.
public struct TestFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String

    /// A failure described by `description`.
    public init(_ description: String) { self.description = description }
}
