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

    public init(name: String, roles: Set<NodeRole>, address: String? = nil) {
        self.name = name
        self.roles = roles
        self.address = address
    }

    public func has(_ role: NodeRole) -> Bool { roles.contains(role) }

    enum CodingKeys: String, CodingKey { case name, roles, address }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        roles = Set(try c.decodeIfPresent([NodeRole].self, forKey: .roles) ?? [.compute])
        address = try c.decodeIfPresent(String.self, forKey: .address)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(NodeRole.allCases.filter(roles.contains), forKey: .roles)
        try c.encodeIfPresent(address, forKey: .address)
    }
}
