/// A security group as the Networking API stores it (the fields the OVN driver needs).
public struct SecurityGroup: Sendable, Hashable {
    public var id: String
    public var projectID: String
    public var name: String
    /// Stateful groups become `allow-related` ACLs, stateless ones `allow-stateless`.
    public var stateful: Bool
    public var rules: [SecurityGroupRule]

    public init(id: String, projectID: String, name: String, stateful: Bool = true, rules: [SecurityGroupRule] = []) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.stateful = stateful
        self.rules = rules
    }
}

/// One rule of a security group.
public struct SecurityGroupRule: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable { case ingress, egress }
    public enum EtherType: String, Sendable, Hashable { case ipv4 = "IPv4", ipv6 = "IPv6" }

    public var id: String
    public var securityGroupID: String
    public var direction: Direction
    public var etherType: EtherType
    /// A name (`tcp`, `icmp`, …) or an IP protocol number as text; nil for any.
    public var ipProtocol: String?
    public var portRangeMin: Int?
    public var portRangeMax: Int?
    public var remoteIPPrefix: String?
    public var remoteGroupID: String?

    public init(
        id: String, securityGroupID: String, direction: Direction, etherType: EtherType, ipProtocol: String? = nil,
        portRangeMin: Int? = nil, portRangeMax: Int? = nil, remoteIPPrefix: String? = nil, remoteGroupID: String? = nil
    ) {
        self.id = id
        self.securityGroupID = securityGroupID
        self.direction = direction
        self.etherType = etherType
        self.ipProtocol = ipProtocol
        self.portRangeMin = portRangeMin
        self.portRangeMax = portRangeMax
        self.remoteIPPrefix = remoteIPPrefix
        self.remoteGroupID = remoteGroupID
    }
}
