public import Foundation
public import OpenStackAPI

/// How a compute agent is set up: which node it serves, where that node's Open vSwitch is, its capacity,
/// and where the other services are.
public struct AgentConfiguration: Sendable {
    /// The hypervisor's host name: the chassis' `external_ids:hostname` (Nova's `binding:host_id`).
    public var host: String
    /// The node's network namespace, where its ovs-vswitchd runs (nil: the current one).
    public var nodeNamespace: String?
    /// A prefix for the instances' namespace names (names are global on one kernel: several nodes share it).
    public var namespacePrefix: String
    /// The node's Open_vSwitch database (`unix:<path>`).
    public var ovsDatabase: String
    /// Instance records, images, root filesystems and console logs live here.
    public var stateDirectory: URL
    /// Where the agent's own API listens (sync nudges and console logs).
    public var listen: ListenAddress
    /// The URL the compute API reaches that API at.
    public var advertisedHost: String
    /// Compute, Networking and Image endpoints.
    public var computeURL: String
    public var networkURL: String
    public var imageURL: String
    /// Capacity reported to the scheduler.
    public var vcpus: Int
    public var memoryMB: Int
    public var diskGB: Int
    /// The node's underlay address (`host_ip`).
    public var hostIP: String
    public var availabilityZone: String

    /// A configuration from its parts.
    public init(host: String, nodeNamespace: String?, namespacePrefix: String, ovsDatabase: String, stateDirectory: URL,
                listen: ListenAddress, advertisedHost: String = "127.0.0.1", computeURL: String, networkURL: String, imageURL: String,
                vcpus: Int, memoryMB: Int, diskGB: Int, hostIP: String, availabilityZone: String = "nova") {
        self.host = host
        self.nodeNamespace = nodeNamespace
        self.namespacePrefix = namespacePrefix
        self.ovsDatabase = ovsDatabase
        self.stateDirectory = stateDirectory
        self.listen = listen
        self.advertisedHost = advertisedHost
        self.computeURL = Self.trimmed(computeURL)
        self.networkURL = Self.trimmed(networkURL)
        self.imageURL = Self.trimmed(imageURL)
        self.vcpus = vcpus
        self.memoryMB = memoryMB
        self.diskGB = diskGB
        self.hostIP = hostIP
        self.availabilityZone = availabilityZone
    }

    private static func trimmed(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }
}
