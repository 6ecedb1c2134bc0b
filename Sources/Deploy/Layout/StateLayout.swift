import Foundation

/// Where a cluster keeps its files: `/var/lib/ovnstack/<cluster>` unless overridden.
///
/// ```
/// cluster.json          resolved spec, runtime and chassis ids (kept across down/up)
/// supervisor.{pid,lock,log}
/// progress.log          step lines the supervisor writes and `up` prints
/// status.json           the supervisor's view of every service
/// <node>/{run,db,log,etc}   private OVS/OVN directories of one node
/// <ctl>/identity        the identity service's database and generated passwords
/// <ctl>/network         the networking service's database
/// admin-openrc.sh       the admin credentials as OS_* variables
/// clouds-yaml           the clouds.yaml `up` wrote the cluster's entries into
/// ```
public struct StateLayout: Sendable, Hashable {
    public let root: String

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    /// The state directory for `cluster`: `--state-dir`, else `$OVNSTACK_STATE_DIR`, else /var/lib/ovnstack/<cluster>.
    public static func resolve(cluster: String, override: String? = nil) -> StateLayout {
        if let override, !override.isEmpty { return StateLayout(root: absolute(override)) }
        if let env = ProcessInfo.processInfo.environment["OVNSTACK_STATE_DIR"], !env.isEmpty {
            return StateLayout(root: absolute(env))
        }
        return StateLayout(root: "/var/lib/ovnstack/\(cluster)")
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    public var clusterFile: String { "\(root)/cluster.json" }
    public var supervisorPidFile: String { "\(root)/supervisor.pid" }
    public var supervisorLockFile: String { "\(root)/supervisor.lock" }
    public var supervisorLog: String { "\(root)/supervisor.log" }
    public var progressLog: String { "\(root)/progress.log" }
    public var statusFile: String { "\(root)/status.json" }

    public var openrcFile: String { "\(root)/admin-openrc.sh" }
    public var cloudsRecordFile: String { "\(root)/clouds-yaml" }
    /// The identity service's state directory on the control node.
    public func identityDir(_ node: String) -> String { "\(root)/\(node)/identity" }
    /// The networking service's state directory on the control node.
    public func networkDir(_ node: String) -> String { "\(root)/\(node)/network" }
    /// The image service's database and image files on a control node.
    public func imageDir(_ node: String) -> String { "\(root)/\(node)/image" }
    /// The compute API's database on a control node.
    public func computeDir(_ node: String) -> String { "\(root)/\(node)/compute" }
    /// A compute agent's instances, images and guests on its node.
    public func agentDir(_ node: String) -> String { "\(root)/\(node)/compute-agent" }
    /// The admin password the identity service generated at its first start (read by the services that call it).
    /// A metadata agent's directory (its log of provisioned networks).
    public func metadataAgentDir(_ node: String) -> String { "\(root)/\(node)/metadata-agent" }
    /// The secret the metadata agents sign instance ids with and the metadata service checks (mode 600), in the
    /// control node's directory (the one a containerised service there sees).
    public func metadataSecretFile(_ control: String) -> String { "\(root)/\(control)/metadata-secret" }
    public func adminPasswordFile(_ node: String) -> String { "\(identityDir(node))/admin-password" }

    public func nodeDir(_ node: String) -> String { "\(root)/\(node)" }
    public func runDir(_ node: String) -> String { "\(root)/\(node)/run" }
    public func dbDir(_ node: String) -> String { "\(root)/\(node)/db" }
    public func logDir(_ node: String) -> String { "\(root)/\(node)/log" }
    public func etcDir(_ node: String) -> String { "\(root)/\(node)/etc" }

    /// The node's Open_vSwitch database socket.
    public func ovsSocket(_ node: String) -> String { "\(runDir(node))/db.sock" }
    /// The control node's NB and SB unix sockets.
    public func nbSocket(_ control: String) -> String { "\(runDir(control))/ovnnb_db.sock" }
    public func sbSocket(_ control: String) -> String { "\(runDir(control))/ovnsb_db.sock" }

    /// Creates the node's private directories.
    public func createNodeDirs(_ node: String) throws {
        for dir in [runDir(node), dbDir(node), logDir(node), etcDir(node)] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }

    /// The environment that points OVS and OVN tools and daemons at the node's private directories.
    public func daemonEnvironment(_ node: String) -> [String: String] {
        let run = runDir(node), db = dbDir(node), log = logDir(node), etc = etcDir(node)
        return [
            "OVS_RUNDIR": run, "OVS_DBDIR": db, "OVS_LOGDIR": log, "OVS_SYSCONFDIR": etc,
            "OVN_RUNDIR": run, "OVN_DBDIR": db, "OVN_LOGDIR": log, "OVN_SYSCONFDIR": etc,
        ]
    }
}
