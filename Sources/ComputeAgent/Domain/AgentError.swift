/// Why an agent step failed, in words that name the cause and, where there is one, the fix.
enum AgentError: Error, Sendable, CustomStringConvertible {
    /// The compute API refused or did not answer.
    case compute(String)
    /// Networking refused a port operation.
    case network(String)
    /// The image could not be fetched or is not a root filesystem.
    case image(String)
    /// A host command (ip, ovs-vsctl, runc) failed.
    case host(String)

    var description: String {
        switch self {
        case .compute(let m): "compute API: \(m)"
        case .network(let m): "networking: \(m)"
        case .image(let m): "image: \(m)"
        case .host(let m): m
        }
    }
}
