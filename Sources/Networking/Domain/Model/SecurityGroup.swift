import Addressing
/// A security group as the Networking API stores it.
struct SecurityGroup: Codable, Sendable, Hashable {
    var id: String
    var projectID: String
    var name: String
    /// Stateful groups become `allow-related` ACLs, stateless ones `allow-stateless`.
    var stateful: Bool
    var rules: [SecurityGroupRule]
    var std: StandardAttributes

    init(id: String, projectID: String, name: String, stateful: Bool = true, rules: [SecurityGroupRule] = [],
                std: StandardAttributes = StandardAttributes()) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.stateful = stateful
        self.rules = rules
        self.std = std
    }
}

/// One rule of a security group.
struct SecurityGroupRule: Codable, Sendable, Hashable {
    enum Direction: String, Codable, Sendable, Hashable { case ingress, egress }
    enum EtherType: String, Codable, Sendable, Hashable { case ipv4 = "IPv4", ipv6 = "IPv6" }

    var id: String
    var securityGroupID: String
    var projectID: String
    var direction: Direction
    var etherType: EtherType
    /// A name (`tcp`, `icmp`, …) or an IP protocol number as text; nil for any.
    var ipProtocol: String?
    var portRangeMin: Int?
    var portRangeMax: Int?
    /// As given, with a prefix length (`10.0.0.5/24` stays so; `10.0.0.5` is `10.0.0.5/32`).
    var remoteIPPrefix: String?
    var remoteGroupID: String?
    /// `security-groups-remote-address-group`: the remote end is an address group's CIDRs.
    var remoteAddressGroupID: String? = nil
    var std: StandardAttributes

    /// `security-groups-normalized-cidr`: the prefix with its host bits cleared (`10.0.0.0/24`), which is what
    /// the rule matches.
    var normalizedCIDR: String? { remoteIPPrefix.flatMap { IPNetwork($0, strict: false)?.description } }

    init(
        id: String, securityGroupID: String, projectID: String = "", direction: Direction, etherType: EtherType,
        ipProtocol: String? = nil, portRangeMin: Int? = nil, portRangeMax: Int? = nil, remoteIPPrefix: String? = nil,
        remoteGroupID: String? = nil, remoteAddressGroupID: String? = nil, std: StandardAttributes = StandardAttributes()
    ) {
        self.id = id
        self.securityGroupID = securityGroupID
        self.projectID = projectID
        self.direction = direction
        self.etherType = etherType
        self.ipProtocol = ipProtocol
        self.portRangeMin = portRangeMin
        self.portRangeMax = portRangeMax
        self.remoteIPPrefix = remoteIPPrefix
        self.remoteGroupID = remoteGroupID
        self.remoteAddressGroupID = remoteAddressGroupID
        self.std = std
    }

    /// Whether two rules would allow the same traffic (Neutron refuses the second with 409).
    func sameTraffic(as other: SecurityGroupRule) -> Bool {
        direction == other.direction && etherType == other.etherType
            && ipProtocol.map(Self.canonicalProtocol) == other.ipProtocol.map(Self.canonicalProtocol)
            && portRangeMin == other.portRangeMin && portRangeMax == other.portRangeMax
            && normalizedCIDR == other.normalizedCIDR && remoteGroupID == other.remoteGroupID
            && remoteAddressGroupID == other.remoteAddressGroupID
    }

    /// Protocol names and the numbers that mean the same (`6` → `tcp`, `ipv6-icmp` → `icmp`).
    static func canonicalProtocol(_ text: String) -> String {
        switch text.lowercased() {
        case "6", "tcp": "tcp"
        case "17", "udp": "udp"
        case "132", "sctp": "sctp"
        case "1", "58", "icmp", "icmpv6", "ipv6-icmp": "icmp"
        default: text.lowercased()
        }
    }
}
