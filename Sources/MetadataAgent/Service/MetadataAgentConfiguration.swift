public import Foundation
public import MetadataSecret

/// How a metadata agent is set up: the node it serves, where that node's Open vSwitch and the OVN Southbound
/// are, how its namespaces are named, and where nova-metadata is.
public struct MetadataAgentConfiguration: Sendable {
    /// The node's host name (the chassis' `hostname`), used in progress lines and errors.
    public var host: String
    /// The node's network namespace, where its ovs-vswitchd runs and `tap…0` lives (nil: the current one).
    public var nodeNamespace: String?
    /// Prefix of the metadata namespaces' names: `<prefix>-<network uuid>` (`ovnmeta` on a real host).
    public var namespacePrefix: String
    /// The node's Open_vSwitch database (`unix:<path>` or `tcp:<ip>:<port>`).
    public var ovsDatabase: String
    /// The OVN Southbound database (one or more comma-separated `unix:`/`tcp:` endpoints).
    public var southbound: String
    /// nova-metadata's URL (`http://127.0.0.1:8775`).
    public var metadataURL: String
    /// The secret shared with nova-metadata (prints redacted).
    public var sharedSecret: SharedSecret
    /// The agent's directory (its lock file).
    public var stateDirectory: URL
    /// How long after a change the agent waits for more before it reconciles.
    public var debounce: Duration = .milliseconds(50)
    /// How often every namespace is checked even when nothing changed.
    public var fullCheckInterval: Duration = .seconds(30)
    /// How long the agent waits at start for the chassis' system-id and its Chassis_Private row.
    public var startupWait: Duration = .seconds(60)

    /// A configuration from its parts.
    public init(host: String, nodeNamespace: String?, namespacePrefix: String = "ovnmeta", ovsDatabase: String, southbound: String,
                metadataURL: String, sharedSecret: SharedSecret, stateDirectory: URL) {
        self.host = host
        self.nodeNamespace = nodeNamespace
        self.namespacePrefix = namespacePrefix
        self.ovsDatabase = ovsDatabase
        self.southbound = southbound
        self.metadataURL = metadataURL
        self.sharedSecret = sharedSecret
        self.stateDirectory = stateDirectory
    }
}
