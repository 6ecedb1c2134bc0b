/// How one daemon of one node is started and recognised: the Debian daemon, pointed at the
/// node's private run/db/log directories, in the foreground with an explicit pid file.
public struct ServiceDefinition: Sendable, Hashable {
    public let node: String
    public let kind: ServiceKind
    /// The node's network namespace; nil for a service in the root namespace (loopback APIs).
    public let netns: String?
    public let program: String
    public let arguments: [String]
    public let environment: [String: String]
    public let pidFile: String
    /// stdout/stderr of the process (the daemon's own log is `--log-file`).
    public let outputFile: String
    /// A path that exists once the daemon serves (its database socket or control socket).
    public let readyPath: String?
    /// A database file created with `ovsdb-tool create` before the first start, and its schema.
    public let database: (file: String, schema: String)?
    /// The 127.0.0.1 port of an API service: it is healthy while that port answers.
    public var listenPort: Int? = nil
    /// Runs as a plain process in the host's mount namespace whatever the runtime (it makes namespaces and containers).
    public var hostMounts = false

    /// `<node>/<service>`, as shown by `status`.
    public var id: String { "\(node)/\(kind.rawValue)" }

    public static func == (a: ServiceDefinition, b: ServiceDefinition) -> Bool { a.id == b.id && a.arguments == b.arguments }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// The unixctl socket of the running daemon (ovn-controller 23.03 has no `--unixctl`:
    /// its socket is `ovn-controller.<pid>.ctl` in OVN_RUNDIR).
    public func controlSocket(pid: Int32) -> String {
        let run = environment["OVN_RUNDIR"] ?? ""
        switch kind {
        case .controller: return "\(run)/ovn-controller.\(pid).ctl"
        default: return "\(run)/\(ServiceDefinition.baseName(kind)).ctl"
        }
    }

    static func baseName(_ kind: ServiceKind) -> String {
        switch kind {
        case .nbDB: "ovnnb_db"
        case .sbDB: "ovnsb_db"
        case .ovsDB: "ovsdb-server"
        case .northd: "ovn-northd"
        case .vswitchd: "ovs-vswitchd"
        case .controller: "ovn-controller"
        case .identity: "identity"
        case .network: "network"
        case .image: "image"
        case .compute: "compute"
        case .computeAgent: "compute-agent"
        case .metadata: "metadata"
        case .metadataAgent: "metadata-agent"
        }
    }
}
