import Addressing
extension ClusterSpec {
    /// Node names that would collide with the cluster's own namespaces.
    static let reservedNodeNames: Set<String> = ["ul", "ext"]

    /// Checks names against the kernel's limits and fills in missing addresses
    /// (`.10` for the first node, then `.11`, `.12`, … of the underlay).
    public func resolved() throws(DeployError) -> ClusterSpec {
        guard ClusterSpec.isToken(name, max: 20) else {
            throw .invalidSpec("cluster name \"\(name)\": use 1–20 of a-z, 0-9 and '-', starting with a letter or digit")
        }
        guard !nodes.isEmpty else { throw .invalidSpec("no nodes") }
        guard nodes.filter({ $0.has(.control) }).count == 1 else { throw .invalidSpec("exactly one node needs the control role") }
        guard nodes.contains(where: { $0.has(.gateway) }) else { throw .invalidSpec("at least one node needs the gateway role") }
        guard encap == "geneve" || encap == "vxlan" else { throw .invalidSpec("encap \(encap): use geneve or vxlan") }
        guard (576...9000).contains(mtu) else { throw .invalidSpec("mtu \(mtu) is outside 576–9000") }
        // As the networking service checks `--dns-domain` (neutron-lib's `validate_dns_domain`), so that `up` refuses
        // what the service would refuse at start.
        guard dnsDomain.hasSuffix("."), DNSName.syntaxProblem(dnsDomain) == nil else {
            throw .invalidSpec("dns_domain \"\(dnsDomain)\": use a domain name ending in a dot, like example.org.")
        }
        var out = self
        var seen = Set<String>()
        var addresses = Set<String>()
        for (index, node) in nodes.enumerated() {
            // `u-<node>` names the node's port on the underlay bridge: IFNAMSIZ leaves 13 characters.
            guard ClusterSpec.isToken(node.name, max: 11), !node.name.contains("-") else {
                throw .invalidSpec("node name \"\(node.name)\": use 1–11 of a-z and 0-9 (interface names are limited to 15 characters)")
            }
            guard !ClusterSpec.reservedNodeNames.contains(node.name) else { throw .invalidSpec("node name \"\(node.name)\" is reserved") }
            guard seen.insert(node.name).inserted else { throw .invalidSpec("node \(node.name) is listed twice") }
            let address = node.address ?? underlay.host(10 + index)
            guard underlay.hasHost(address) else { throw .invalidSpec("node \(node.name): \(address) is not inside \(underlay)") }
            guard addresses.insert(address).inserted else { throw .invalidSpec("address \(address) is used twice") }
            out.nodes[index].address = address
        }
        guard external.cidr.hasHost(external.router) else {
            throw .invalidSpec("external router \(external.router) is not inside \(external.cidr)")
        }
        return out
    }

    /// The control node (NB, SB, northd).
    public var controlNode: NodeSpec { nodes.first { $0.has(.control) }! }

    /// The underlay address of a resolved node.
    public func address(of node: NodeSpec) -> String { node.address ?? "" }

    static func isToken(_ text: String, max: Int) -> Bool {
        guard let first = text.unicodeScalars.first, (1...max).contains(text.count) else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars)
        return first != "-" && text.unicodeScalars.allSatisfy(allowed.contains)
    }
}
