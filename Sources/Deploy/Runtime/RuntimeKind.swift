/// How service processes are run.
public enum RuntimeKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// Each daemon is a plain child process entered into its node's namespace (`ip netns exec`).
    case process
    /// Each daemon is a runc container (OCI bundle written by ovnstack) joined to its node's namespace.
    case runc
}
