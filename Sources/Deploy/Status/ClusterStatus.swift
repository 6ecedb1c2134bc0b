/// Everything `ovnstack status` shows, also as `--json`.
public struct ClusterStatus: Sendable, Codable {
    /// A chassis registered in the SB.
    public struct Chassis: Sendable, Codable, Hashable {
        public var name: String
        public var hostname: String
        public var encaps: [Encap]
        public var gateway: Bool
        public var bridgeMappings: String?
    }

    /// A tunnel endpoint of a chassis.
    public struct Encap: Sendable, Codable, Hashable {
        public var type: String
        public var ip: String

        public init(type: String, ip: String) {
            self.type = type
            self.ip = ip
        }
    }

    /// A tunnel port ovn-controller created on a node.
    public struct Tunnel: Sendable, Codable, Hashable {
        public var node: String
        public var port: String
        public var remoteIP: String
    }

    /// An instance plugged into a node's br-int (its interfaces carry `external_ids:vm-uuid`).
    public struct Instance: Sendable, Codable, Hashable {
        public var node: String
        public var id: String
        public var interfaces: [String]
        /// ovn-controller has installed the flows of every interface (`external_ids:ovn-installed`).
        public var installed: Bool
    }

    public var cluster: String
    public var stateDir: String
    public var runtime: RuntimeKind?
    public var supervisorPid: Int32?
    public var supervisorRSSKiB: Int?
    public var ready: Bool
    public var services: [ServiceStatus]
    public var chassis: [Chassis]
    public var tunnels: [Tunnel]
    /// Tunnels a full mesh has: n × (n − 1).
    public var expectedTunnels: Int
    /// Patch ports not created by OVN (for example a leftover `phy-br-ex`/`int-br-ex` pair).
    public var foreignPatchPorts: [String]
    public var namespaces: [String]
    /// Instances found on the compute nodes.
    public var instances: [Instance] = []
    /// Problems found while collecting (an unreachable database, …).
    public var problems: [String]

    /// Every service running and answering, the mesh complete, no foreign patch port (set by the collector).
    public var healthy = false

    func evaluateHealth() -> Bool {
        supervisorPid != nil && !services.isEmpty && services.allSatisfy { $0.healthy == true }
            && tunnels.count >= expectedTunnels && foreignPatchPorts.isEmpty
    }
}
