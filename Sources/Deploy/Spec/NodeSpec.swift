/// What a node does in the cluster.
public enum NodeRole: String, Sendable, Codable, Hashable, CaseIterable {
    /// OVN NB and SB databases, ovn-northd and the API services.
    case control
    /// A chassis with `enable-chassis-as-gw` and the provider bridge mapping.
    case gateway
    /// A chassis that runs instances.
    case compute
}

/// One node of the cluster: a network namespace on this machine (later: a host).
public struct NodeSpec: Sendable, Codable, Hashable {
    /// Short name (`ctl`, `c1`): used in namespace, interface and service names.
    public var name: String
    public var roles: Set<NodeRole>
    /// Underlay address; assigned from the underlay CIDR when absent.
    public var address: String?
    /// What a compute node offers instances (its agent reports it to the scheduler).
    public var capacity = NodeCapacity()

    public init(name: String, roles: Set<NodeRole>, address: String? = nil) {
        self.name = name
        self.roles = roles
        self.address = address
    }

    public func has(_ role: NodeRole) -> Bool { roles.contains(role) }

    enum CodingKeys: String, CodingKey { case name, roles, address, capacity }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        roles = Set(try c.decodeIfPresent([NodeRole].self, forKey: .roles) ?? [.compute])
        address = try c.decodeIfPresent(String.self, forKey: .address)
        capacity = try c.decodeIfPresent(NodeCapacity.self, forKey: .capacity) ?? capacity
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(NodeRole.allCases.filter(roles.contains), forKey: .roles)
        try c.encodeIfPresent(address, forKey: .address)
        try c.encode(capacity, forKey: .capacity)
    }
}

/// The vCPUs, memory and disk a compute node offers (`capacity: {vcpus: 8, memory_mb: 16384, disk_gb: 100}`);
/// instances are containers, so these are scheduling limits, not the machine's size.
public struct NodeCapacity: Sendable, Codable, Hashable {
    public var vcpus = 8
    public var memoryMB = 16384
    public var diskGB = 100

    public init() {}

    enum CodingKeys: String, CodingKey {
        case vcpus
        case memoryMB = "memory_mb"
        case diskGB = "disk_gb"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vcpus = try c.decodeIfPresent(Int.self, forKey: .vcpus) ?? vcpus
        memoryMB = try c.decodeIfPresent(Int.self, forKey: .memoryMB) ?? memoryMB
        diskGB = try c.decodeIfPresent(Int.self, forKey: .diskGB) ?? diskGB
    }
}
