/// The OVN ACL of a security-group rule, as ML2/OVN builds it (neutron/common/ovn/acl.py):
/// port group and address family, then the remote side, then protocol and ports.
enum ACLMatch {
    /// Priority of every security-group ACL; the drop ACLs sit below at 1001.
    static let priority = 1002

    /// The ACL's direction: traffic into the VM is `to-lport`, out of it `from-lport`.
    static func direction(_ rule: SecurityGroupRule) -> String {
        rule.direction == .ingress ? "to-lport" : "from-lport"
    }

    /// The match expression.
    static func match(_ rule: SecurityGroupRule) -> String {
        let portGroup = OVNNames.portGroup(securityGroup: rule.securityGroupID)
        let ip = rule.etherType == .ipv4 ? "ip4" : "ip6"
        var parts = [rule.direction == .ingress ? "outport == @\(portGroup)" : "inport == @\(portGroup)", ip]
        // The remote end is the source of ingress traffic and the destination of egress traffic.
        let remoteField = "\(ip).\(rule.direction == .ingress ? "src" : "dst")"
        if let prefix = rule.normalizedCIDR {
            parts.append("\(remoteField) == \(prefix)")
        } else if let group = rule.remoteGroupID {
            parts.append("\(remoteField) == $\(OVNNames.portGroupAddressSet(securityGroup: group, rule.etherType))")
        } else if let group = rule.remoteAddressGroupID {
            parts.append("\(remoteField) == $\(OVNNames.addressGroupAddressSet(group, ipVersion: rule.etherType == .ipv4 ? 4 : 6))")
        }
        parts.append(contentsOf: protocolMatch(rule, ip: ip))
        return parts.joined(separator: " && ")
    }

    private static func protocolMatch(_ rule: SecurityGroupRule, ip: String) -> [String] {
        guard let proto = rule.ipProtocol.map(SecurityGroupRule.canonicalProtocol) else { return [] }
        switch proto {
        case "tcp", "udp", "sctp":
            var parts = [proto]
            switch (rule.portRangeMin, rule.portRangeMax) {
            case (let low?, let high?) where low == high: parts.append("\(proto).dst == \(low)")
            case (let low?, let high?): parts.append("\(proto).dst >= \(low) && \(proto).dst <= \(high)")
            case (let low?, nil): parts.append("\(proto).dst >= \(low)")
            default: break
            }
            return parts
        case "icmp":
            // For ICMP, port_range_min/max carry the type and code.
            let icmp = ip == "ip4" ? "icmp4" : "icmp6"
            var parts = [icmp]
            if let type = rule.portRangeMin { parts.append("\(icmp).type == \(type)") }
            if let code = rule.portRangeMax { parts.append("\(icmp).code == \(code)") }
            return parts
        default:
            return ["ip.proto == \(proto)"]
        }
    }
}
