import Addressing
/// The whole cluster as the user describes it (YAML, every field optional).
///
/// ```yaml
/// name: ovnstack
/// underlay: {cidr: 172.30.99.0/24}
/// external: {physnet: physnet1, bridge: br-ex, cidr: 203.0.113.0/24, router: 203.0.113.254}
/// encap: geneve
/// mtu: 1442
/// dns_domain: openstacklocal.
/// nodes:
///   - {name: ctl, roles: [control, gateway]}
///   - {name: c1, roles: [compute]}
/// ```
public struct ClusterSpec: Sendable, Codable, Hashable {
    /// Prefix of every namespace and the default state directory's name.
    public var name = "ovnstack"
    /// The underlay network the nodes' tunnel endpoints live on.
    public var underlay = try! IPNetwork(specCIDR: "172.30.99.0/24")
    public var external = ExternalNetworkSpec()
    /// Tunnel encapsulation (`geneve`; OVN also knows `vxlan`).
    public var encap = "geneve"
    /// The MTU guests must use: underlay 1500 minus 58 bytes of geneve with the OVN option.
    public var mtu = 1442
    /// Bytes a geneve tunnel with OVN's option adds to a guest frame (outer IPv4 20 + UDP 8 + geneve 8 +
    /// option 8 + inner Ethernet 14), Neutron's `max_header_size` 38 plus the outer IPv4 header.
    public static let geneveOverhead = 58
    /// The MTU of the underlay links, 1500 by default: the networking service's `--underlay-mtu`
    /// (Neutron's `global_physnet_mtu`), from which it derives `mtu` for tenant networks.
    public var underlayMTU: Int { mtu + Self.geneveOverhead }
    /// The networking service's `--dns-domain` (Neutron's `dns_domain`): with any other than `openstacklocal.`, a port's
    /// `dns_name` names its addresses.
    public var dnsDomain = "openstacklocal."
    /// How services run; nil lets the command line or the machine decide.
    public var runtime: RuntimeKind?
    public var nodes: [NodeSpec] = ClusterSpec.defaultNodes(computes: 2)

    public init() {}

    /// The default cluster: `ctl` (control + gateway) and compute nodes `c1`…`cN`.
    public static func standard(name: String = "ovnstack", computes: Int = 2) -> ClusterSpec {
        var spec = ClusterSpec()
        spec.name = name
        spec.nodes = defaultNodes(computes: computes)
        return spec
    }

    static func defaultNodes(computes: Int) -> [NodeSpec] {
        [NodeSpec(name: "ctl", roles: [.control, .gateway])]
            + (0..<max(0, computes)).map { NodeSpec(name: "c\($0 + 1)", roles: [.compute]) }
    }

    /// Replaces the compute-only nodes with `c1`…`cN`.
    public mutating func setComputes(_ count: Int) {
        nodes.removeAll { $0.roles == [.compute] }
        nodes += (0..<max(0, count)).map { NodeSpec(name: "c\($0 + 1)", roles: [.compute]) }
    }

    enum CodingKeys: String, CodingKey {
        case name, underlay, external, encap, mtu, runtime, nodes
        case dnsDomain = "dns_domain"
    }
    enum UnderlayKeys: String, CodingKey { case cidr }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? name
        if c.contains(.underlay) {
            let u = try c.nestedContainer(keyedBy: UnderlayKeys.self, forKey: .underlay)
            underlay = try u.decodeSpecCIDR(forKey: .cidr) ?? underlay
        }
        external = try c.decodeIfPresent(ExternalNetworkSpec.self, forKey: .external) ?? external
        encap = try c.decodeIfPresent(String.self, forKey: .encap) ?? encap
        mtu = try c.decodeIfPresent(Int.self, forKey: .mtu) ?? mtu
        dnsDomain = try c.decodeIfPresent(String.self, forKey: .dnsDomain) ?? dnsDomain
        runtime = try c.decodeIfPresent(RuntimeKind.self, forKey: .runtime)
        nodes = try c.decodeIfPresent([NodeSpec].self, forKey: .nodes) ?? nodes
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        var u = c.nestedContainer(keyedBy: UnderlayKeys.self, forKey: .underlay)
        try u.encode(underlay, forKey: .cidr)
        try c.encode(external, forKey: .external)
        try c.encode(encap, forKey: .encap)
        try c.encode(mtu, forKey: .mtu)
        try c.encode(dnsDomain, forKey: .dnsDomain)
        try c.encodeIfPresent(runtime, forKey: .runtime)
        try c.encode(nodes, forKey: .nodes)
    }
}
