/// Why the agent could not do something, in words that name the cause and, where there is one, the fix.
/// No case ever carries the shared secret.
public enum MetadataAgentError: Error, Sendable, CustomStringConvertible {
    /// A flag or file the agent was started with is unusable.
    case configuration(String)
    /// The node's Open_vSwitch database is unreachable or says too little.
    case ovs(String)
    /// The OVN Southbound database is unreachable, refused a write, or lacks this chassis.
    case southbound(String)
    /// A host command (ip, ovs-vsctl, ethtool) failed.
    case host(String)
    /// A namespace's listener on 169.254.169.254:80 could not be bound.
    case listener(String)

    public var description: String {
        switch self {
        case .configuration(let m): "configuration: \(m)"
        case .ovs(let m): "Open_vSwitch database: \(m)"
        case .southbound(let m): "southbound database: \(m)"
        case .host(let m): m
        case .listener(let m): "metadata listener: \(m)"
        }
    }
}
