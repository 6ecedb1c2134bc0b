import Addressing
import OpenStackAPI

/// Reads and checks a security-group rule as Neutron's securitygroup extension does.
enum SecurityGroupRuleParser {
    static let protocolNames: Set<String> = [
        "ah", "dccp", "egp", "esp", "gre", "hopopt", "icmp", "icmpv6", "igmp", "ipip", "ipv6-encap", "ipv6-frag", "ipv6-icmp",
        "ipv6-nonxt", "ipv6-opts", "ipv6-route", "ospf", "pgm", "rsvp", "sctp", "tcp", "udp", "udplite", "vrrp", "any",
    ]
    static let portProtocols: Set<String> = ["tcp", "udp", "sctp", "dccp", "udplite", "6", "17", "132", "33", "136"]

    static func parse(_ a: Attributes, id: String, group: SecurityGroup, project: String) throws(APIError) -> SecurityGroupRule {
        guard let directionText = try a.string("direction") else {
            throw NeutronErrors.badRequest("Failed to parse request. Required attribute 'direction' not specified")
        }
        guard let direction = SecurityGroupRule.Direction(rawValue: directionText) else {
            throw NeutronErrors.invalidInput("Invalid input for direction. Reason: \(directionText) is not in valid_values")
        }
        let etherText = try a.string("ethertype") ?? "IPv4"
        guard let ether = SecurityGroupRule.EtherType(rawValue: etherText == "ipv4" ? "IPv4" : etherText == "ipv6" ? "IPv6" : etherText) else {
            throw APIError(status: 400, message: "Invalid input for ethertype. Reason: \(etherText) is not in valid_values.", type: "InvalidInput")
        }
        var proto: String?
        if let number = a.value("protocol"), number.number != nil {
            proto = try String(Attributes.integer(number, "protocol"))
        } else {
            proto = try a.string("protocol", nullable: true)?.lowercased()
        }
        if proto == "any" { proto = nil }
        if let p = proto {
            if let n = Int(p) {
                guard (0...255).contains(n) else { throw invalidProtocol(p) }
            } else if !protocolNames.contains(p) {
                throw invalidProtocol(p)
            }
        }
        let low = try a.int("port_range_min") ?? nil, high = try a.int("port_range_max") ?? nil
        if low != nil || high != nil {
            guard let p = proto else {
                throw APIError(status: 400, message: "Must also specify protocol if port range is given.", type: "SecurityGroupProtocolRequiredWithPorts")
            }
            if ["icmp", "icmpv6", "ipv6-icmp", "1", "58"].contains(p) {
                for (name, v) in [("type", low), ("code", high)] {
                    if let v, !(0...255).contains(v) {
                        throw APIError(status: 400, message: "Invalid value for ICMP \(name) (port_range_\(name == "type" ? "min" : "max")) \(v). It must be 0 to 255.",
                                       type: "SecurityGroupInvalidIcmpValue")
                    }
                }
                if low == nil, high != nil {
                    throw APIError(status: 400, message: "ICMP code (port-range-max) \(high!) is provided but ICMP type (port-range-min) is missing.",
                                   type: "SecurityGroupMissingIcmpType")
                }
            } else if portProtocols.contains(p) {
                if low == nil, high != nil {
                    throw APIError(status: 400, message: "For TCP/UDP protocols, port_range_min must be <= port_range_max",
                                   type: "SecurityGroupInvalidPortRange")
                }
                for v in [low, high].compactMap({ $0 }) where !(1...65535).contains(v) {
                    throw APIError(status: 400, message: "Invalid value for port \(v).", type: "SecurityGroupInvalidPortValue")
                }
                if let l = low, let h = high, l > h {
                    throw APIError(status: 400, message: "For TCP/UDP protocols, port_range_min must be <= port_range_max",
                                   type: "SecurityGroupInvalidPortRange")
                }
            } else {
                throw APIError(status: 400, message: "Invalid protocol \(p) for port range, only supported for TCP, UDP, UDPLITE, SCTP and DCCP.",
                               type: "SecurityGroupInvalidProtocolForPort")
            }
        }
        var prefix = try a.string("remote_ip_prefix", nullable: true)
        if let text = prefix {
            let withLength = text.contains("/") ? text : text + (text.contains(":") ? "/128" : "/32")
            guard let net = IPNetwork(withLength, strict: false) else {
                throw NeutronErrors.invalidInput("Invalid input for remote_ip_prefix. Reason: '\(text)' is not a valid IP subnet")
            }
            guard (net.version == 4) == (ether == .ipv4) else {
                throw APIError(status: 400, message: "Conflicting value ethertype \(ether.rawValue) for CIDR \(text)", type: "SecurityGroupConflictingEtherType")
            }
            prefix = net.description
        }
        let remoteGroup = try a.string("remote_group_id", nullable: true)
        if prefix != nil, remoteGroup != nil {
            throw APIError(status: 400, message: "Only remote_ip_prefix or remote_group_id may be provided.", type: "SecurityGroupRemoteGroupAndRemoteIpPrefix")
        }
        if try a.string("remote_address_group_id", nullable: true) != nil {
            throw NeutronErrors.badRequest("Address groups are not supported.")
        }
        return SecurityGroupRule(
            id: id, securityGroupID: group.id, projectID: project, direction: direction, etherType: ether,
            ipProtocol: proto, portRangeMin: low, portRangeMax: high, remoteIPPrefix: prefix, remoteGroupID: remoteGroup,
            std: StandardAttributes(description: try a.string("description") ?? ""))
    }

    static func invalidProtocol(_ p: String) -> APIError {
        APIError(status: 400, message: "Security group rule protocol \(p) not supported. Only protocol values [None, \(protocolNames.sorted().joined(separator: ", "))] and integer representations [0 to 255] are supported.",
                 type: "SecurityGroupRuleInvalidProtocol")
    }
}
