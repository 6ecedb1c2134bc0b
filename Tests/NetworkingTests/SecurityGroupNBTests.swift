import Foundation
import Networking
import OVNModel
import OVSDB
import OVSDBTestSupport
import Testing

/// The reference scenario's security-group steps write exactly the Northbound rows the real
/// Neutron (ML2/OVN) wrote for the same API calls: any extra, missing or different row or column fails.
@Suite struct SecurityGroupNBTests {
    private func rule(_ json: JSON) -> SecurityGroupRule {
        SecurityGroupRule(
            id: json["id"]!.stringValue!, securityGroupID: json["security_group_id"]!.stringValue!,
            direction: SecurityGroupRule.Direction(rawValue: json["direction"]!.stringValue!)!,
            etherType: SecurityGroupRule.EtherType(rawValue: json["ethertype"]!.stringValue!)!,
            ipProtocol: json["protocol"]?.stringValue, portRangeMin: json["port_range_min"]?.intValue,
            portRangeMax: json["port_range_max"]?.intValue, remoteIPPrefix: json["remote_ip_prefix"]?.stringValue,
            remoteGroupID: json["remote_group_id"]?.stringValue)
    }

    @Test func securityGroupStepsMatchTheReference() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        let client = try await OVSDBClient.connect(server.endpoint, database: NB.database)
        defer { Task { await client.close() } }
        let replica = try await client.monitor(tables: [NB.ACL.table, NB.PortGroup.table])
        let observer = NBObserver(replica: replica)
        let schema = replica.schema

        let created = try ReferenceNB.response("12-create-secgroup")["security_group"]!
        let group = SecurityGroup(
            id: created["id"]!.stringValue!, projectID: created["project_id"]!.stringValue!, name: created["name"]!.stringValue!,
            stateful: created["stateful"]?.boolValue ?? true, rules: created["security_group_rules"]!.arrayValue!.map(rule))

        var steps: [(String, (inout Transaction) -> Void)] = [("12-create-secgroup", { SecurityGroupRows.create(group, in: &$0) })]
        for step in ["13-sg-rule-tcp22", "14-sg-rule-icmp", "15-sg-rule-remote-group"] {
            let r = rule(try ReferenceNB.response(step)["security_group_rule"]!)
            steps.append((step, { SecurityGroupRows.addRule(r, in: &$0) }))
        }
        var expectedRows = 0
        for (step, write) in steps {
            let before = replica.snapshot()
            var txn = Transaction()
            write(&txn)
            try await client.transact(txn)
            expectedRows += txn.operations.filter { if case .insert = $0 { true } else { false } }.count
            let rows = expectedRows
            try await replica.wait { $0.count(NB.ACL.table) + $0.count(NB.PortGroup.table) == rows }
            let ours = observer.changes(from: before, to: replica.snapshot())
            let theirs = try ReferenceNB.changes(step, schema: schema, keyOf: try ReferenceNB.keys(upTo: step))
            #expect(ours.subtracting(theirs).isEmpty && theirs.subtracting(ours).isEmpty,
                    "\(step): ours only \(ours.subtracting(theirs)), reference only \(theirs.subtracting(ours))")
        }

        // Deleting the group removes its Port_Group and every ACL with it, as step 31 did.
        let before = replica.snapshot()
        var txn = Transaction()
        SecurityGroupRows.delete(securityGroup: group.id, in: &txn)
        try await client.transact(txn)
        try await replica.wait { $0.count(NB.PortGroup.table) == 0 && $0.count(NB.ACL.table) == 0 }
        let ours = observer.changes(from: before, to: replica.snapshot())
        let theirs = try ReferenceNB.changes("31-delete-secgroup", schema: schema, keyOf: try ReferenceNB.keys(upTo: "31-delete-secgroup"))
        #expect(ours.filter { $0.kind == .deleted }.map(\.table).sorted() == theirs.map(\.table).sorted())
    }

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
