import Foundation
@testable import Networking
import Testing

/// The match expressions of security-group ACLs, as ML2/OVN writes them (the reference-scenario
/// comparison in `NetworkNBTests` covers the rows themselves).
@Suite struct SecurityGroupACLTests {
    @Test func aclMatchesForEveryRuleShape() {
        let sg = "1111-2222"
        func match(_ direction: SecurityGroupRule.Direction, _ ether: SecurityGroupRule.EtherType, _ proto: String?,
                   _ low: Int? = nil, _ high: Int? = nil, prefix: String? = nil, group: String? = nil) -> String {
            ACLMatch.match(SecurityGroupRule(id: "r", securityGroupID: sg, direction: direction, etherType: ether, ipProtocol: proto,
                                             portRangeMin: low, portRangeMax: high, remoteIPPrefix: prefix, remoteGroupID: group))
        }
        #expect(match(.egress, .ipv4, nil) == "inport == @pg_1111_2222 && ip4")
        #expect(match(.ingress, .ipv4, "tcp", 22, 22, prefix: "0.0.0.0/0") == "outport == @pg_1111_2222 && ip4 && ip4.src == 0.0.0.0/0 && tcp && tcp.dst == 22")
        #expect(match(.ingress, .ipv6, "udp", 1000, 2000) == "outport == @pg_1111_2222 && ip6 && udp && udp.dst >= 1000 && udp.dst <= 2000")
        #expect(match(.egress, .ipv6, "17", prefix: "2001:db8::/64") == "inport == @pg_1111_2222 && ip6 && ip6.dst == 2001:db8::/64 && udp")
        #expect(match(.ingress, .ipv4, "icmp", 8, 0) == "outport == @pg_1111_2222 && ip4 && icmp4 && icmp4.type == 8 && icmp4.code == 0")
        #expect(match(.ingress, .ipv6, "ipv6-icmp") == "outport == @pg_1111_2222 && ip6 && icmp6")
        #expect(match(.ingress, .ipv4, nil, group: "3333") == "outport == @pg_1111_2222 && ip4 && ip4.src == $pg_3333_ip4")
        #expect(match(.ingress, .ipv4, "47") == "outport == @pg_1111_2222 && ip4 && ip.proto == 47")
    }
}
