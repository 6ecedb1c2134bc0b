import Addressing

/// Checks a security-group rule as Neutron's securitygroup extension does.
enum SecurityGroupRuleValidation {
    static let protocolNames: Set<String> = [
        "ah", "dccp", "egp", "esp", "gre", "hopopt", "icmp", "icmpv6", "igmp", "ipip", "ipv6-encap", "ipv6-frag", "ipv6-icmp",
        "ipv6-nonxt", "ipv6-opts", "ipv6-route", "ospf", "pgm", "rsvp", "sctp", "tcp", "udp", "udplite", "vrrp", "any",
    ]
    static let portProtocols: Set<String> = ["tcp", "udp", "sctp", "dccp", "udplite", "6", "17", "132", "33", "136"]
    /// Protocols that exist only over IPv6 (names and numbers): an IPv4 rule cannot name them.
    static let ipv6Only: Set<String> = ["ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6", "ipv6-nonxt", "ipv6-opts", "ipv6-route",
                                        "41", "44", "58", "59", "60", "43"]

    static func rule(_ r: SecurityGroupRuleCreate, id: String, group: SecurityGroup, project: String) throws(NetworkingError) -> SecurityGroupRule {
        guard let directionText = r.direction else {
            throw .badRequest("Failed to parse request. Required attribute 'direction' not specified")
        }
        guard let direction = SecurityGroupRule.Direction(rawValue: directionText) else {
            throw .invalidInput("Invalid input for direction. Reason: \(directionText) is not in valid_values")
        }
        let etherText = r.etherType ?? "IPv4"
        guard let ether = SecurityGroupRule.EtherType(rawValue: etherText == "ipv4" ? "IPv4" : etherText == "ipv6" ? "IPv6" : etherText) else {
            throw NetworkingError(.badRequest, "InvalidInput", "Invalid input for ethertype. Reason: \(etherText) is not in valid_values.")
        }
        var proto = r.ipProtocol?.lowercased()
        if proto == "any" { proto = nil }
        if let p = proto {
            if let n = Int(p) {
                guard (0...255).contains(n) else { throw invalidProtocol(p) }
            } else if !protocolNames.contains(p) {
                throw invalidProtocol(p)
            }
            if ether == .ipv4, ipv6Only.contains(p) {
                throw NetworkingError(.badRequest, "SecurityGroupEthertypeConflictWithProtocol",
                                      "Invalid ethertype \(ether.rawValue) for protocol \(r.ipProtocol ?? p).")
            }
        }
        let low = r.portRangeMin, high = r.portRangeMax
        if low != nil || high != nil { try checkPorts(low, high, protocol: proto) }
        var prefix = r.remoteIPPrefix
        if let text = prefix {
            guard let net = IPNetwork(hostOrNetwork: text) else {
                throw .invalidInput("Invalid input for remote_ip_prefix. Reason: '\(text)' is not a valid IP subnet")
            }
            guard (net.version == 4) == (ether == .ipv4) else {
                throw NetworkingError(.badRequest, "SecurityGroupConflictingEtherType", "Conflicting value ethertype \(ether.rawValue) for CIDR \(text)")
            }
            let host = String(text.split(separator: "/")[0])
            prefix = "\(IPAddress(host).map(String.init(describing:)) ?? host)/\(net.prefixLength)"
        }
        if [prefix, r.remoteGroupID, r.remoteAddressGroupID].count(where: { $0 != nil }) > 1 {
            throw NetworkingError(.badRequest, "SecurityGroupMultipleRemoteEntites",
                                  "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.")
        }
        return SecurityGroupRule(
            id: id, securityGroupID: group.id, projectID: project, direction: direction, etherType: ether,
            ipProtocol: proto, portRangeMin: low, portRangeMax: high, remoteIPPrefix: prefix, remoteGroupID: r.remoteGroupID,
            remoteAddressGroupID: r.remoteAddressGroupID, std: StandardAttributes(description: r.description ?? ""))
    }

    private static func checkPorts(_ low: Int?, _ high: Int?, protocol proto: String?) throws(NetworkingError) {
        guard let p = proto else {
            throw NetworkingError(.badRequest, "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given.")
        }
        if ["icmp", "icmpv6", "ipv6-icmp", "1", "58"].contains(p) {
            for (name, v) in [("type", low), ("code", high)] {
                if let v, !(0...255).contains(v) {
                    throw NetworkingError(.badRequest, "SecurityGroupInvalidIcmpValue",
                                          "Invalid value for ICMP \(name) (port_range_\(name == "type" ? "min" : "max")) \(v). It must be 0 to 255.")
                }
            }
            if low == nil, let high {
                throw NetworkingError(.badRequest, "SecurityGroupMissingIcmpType",
                                      "ICMP code (port-range-max) \(high) is provided but ICMP type (port-range-min) is missing.")
            }
        } else if portProtocols.contains(p) {
            let invalidRange = NetworkingError(.badRequest, "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max")
            if low == nil, high != nil { throw invalidRange }
            for v in [low, high].compactMap({ $0 }) where !(1...65535).contains(v) {
                throw NetworkingError(.badRequest, "SecurityGroupInvalidPortValue", "Invalid value for port \(v).")
            }
            if let l = low, let h = high, l > h { throw invalidRange }
        } else {
            throw NetworkingError(.badRequest, "SecurityGroupInvalidProtocolForPort",
                                  "Invalid protocol \(p) for port range, only supported for TCP, UDP, UDPLITE, SCTP and DCCP.")
        }
    }

    static func invalidProtocol(_ p: String) -> NetworkingError {
        NetworkingError(.badRequest, "SecurityGroupRuleInvalidProtocol",
                        "Security group rule protocol \(p) not supported. Only protocol values [None, \(protocolNames.sorted().joined(separator: ", "))] and integer representations [0 to 255] are supported.")
    }
}
