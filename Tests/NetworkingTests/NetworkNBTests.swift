import Foundation
import Networking
import OpenStackAPI
import OVNModel
import OVSDB
import OVSDBTestSupport
import Testing

/// The reference scenario's L2 and security-group steps, sent through the service's API layer to a
/// real Northbound: every step writes exactly the rows and columns the real Neutron (ML2/OVN) wrote.
@Suite struct NetworkNBTests {
    static let project = "3f1a2b3c4d5e4f6a8b9c0d1e2f3a4b5c"
    static let l3Steps = ["05-create-router", "06-router-add-interface", "07-create-ext-network", "08-create-ext-subnet",
                          "09-router-set-gateway", "10-create-fip", "11-associate-fip", "23-disassociate-fip", "24-delete-fip",
                          "25-router-remove-interface", "26-router-clear-gateway", "27-delete-router"]

    /// The ids the recorded run gave each resource, in the order this service creates them.
    static func recordedIDs() throws -> RecordedIDs {
        func id(_ step: String, _ key: String) throws -> String { try ScenarioReplay.response(step)[key]!["id"]!.string! }
        // The metadata ports and the default group appear only in the NB diff of their network's step.
        let diff01 = try String(contentsOfFile: "\(ReferenceNB.directory)/dumps/nb-diff-01-create-network.txt", encoding: .utf8)
        let diff20 = try String(contentsOfFile: "\(ReferenceNB.directory)/dumps/nb-diff-20-create-network-2.txt", encoding: .utf8)
        func lspName(_ text: String) -> String { String(text.firstMatch(of: /\+ Logical_Switch_Port[^\n]*\n(?:    [^\n]*\n)*?    name = "([^"]+)"/)!.1) }
        let defaultGroup = String(diff01.firstMatch(of: /name = "pg_([0-9a-f_]+)"/)!.1).replacingOccurrences(of: "_", with: "-")
        func ruleID(_ direction: String, _ match: String) -> String {
            let pattern = try! Regex("direction = \"\(direction)\"\\n    external_ids = \\[\"map\", \\[\\[\"neutron:security_group_rule_id\", \"([0-9a-f-]+)\"\\]\\]\\]\\n    match = \"[^\"]*\(match)\"")
            return String(diff01.firstMatch(of: pattern)!.output[1].substring!)
        }
        let sg1Rules = try ScenarioReplay.response("12-create-secgroup")["security_group"]!["security_group_rules"]!.array!
        func sg1Rule(_ ether: String) -> String { sg1Rules.first { $0["ethertype"]?.string == ether }!["id"]!.string! }
        return RecordedIDs([
            .network: [try id("01-create-network", "network"), try id("20-create-network-2", "network")],
            .subnet: [try id("02-create-subnet", "subnet"), try id("21-create-subnet-2", "subnet")],
            .port: [lspName(diff01), try id("03-create-port-fixed-ip", "port"), try id("04-create-port-2", "port"),
                    try id("16-create-port-with-sg", "port"), lspName(diff20)],
            .securityGroup: [defaultGroup, try id("12-create-secgroup", "security_group")],
            .rule: [ruleID("from-lport", "&& ip4"), ruleID("to-lport", "&& ip4 && ip4.src == \\$pg_[0-9a-f_]+_ip4"),
                    ruleID("from-lport", "&& ip6"), ruleID("to-lport", "&& ip6 && ip6.src == \\$pg_[0-9a-f_]+_ip6"),
                    sg1Rule("IPv4"), sg1Rule("IPv6"),
                    try id("13-sg-rule-tcp22", "security_group_rule"), try id("14-sg-rule-icmp", "security_group_rule"),
                    try id("15-sg-rule-remote-group", "security_group_rule")],
        ])
    }

    @Test func l2AndSecurityGroupStepsMatchTheReference() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        let stateDir = FileManager.default.temporaryDirectory.appendingPathComponent("ovnstack-net-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: stateDir) }
        let nb = try await NBSync.connect([server.endpoint])
        let configuration = NetworkingConfiguration(stateDirectory: stateDir, listen: ListenAddress(host: "127.0.0.1", port: 0),
                                                    northbound: [server.endpoint], dnsServers: ["8.8.8.8"])
        let core = try NetworkingCore(configuration: configuration, nb: nb, ids: try Self.recordedIDs().source)
        try await core.repair()
        let auth = AuthContext(userID: "probe-user", userName: "probe", userDomainID: "default", projectID: Self.project,
                               roles: ["admin", "member", "reader"], expiresAt: .distantFuture)
        let replay = ScenarioReplay(core: core, auth: auth)
        let replica = nb.replica
        let observer = NBObserver(replica: replica)
        let skipping = try ReferenceNB.addedRows(in: Self.l3Steps)

        // Ports whose address the real Neutron picked at random get the same address here.
        func sameAddress(_ step: String) -> (inout JSONObject) -> Void {
            { body in
                let ip = try! ScenarioReplay.response(step)["port"]!["fixed_ips"]!.array![0]["ip_address"]!
                var port = body["port"]!.object!
                port["fixed_ips"] = [["ip_address": ip]]
                body["port"] = .object(port)
            }
        }
        let steps: [(String, (inout JSONObject) -> Void)] = [
            ("01-create-network", { _ in }), ("02-create-subnet", { _ in }), ("03-create-port-fixed-ip", { _ in }),
            ("04-create-port-2", sameAddress("04-create-port-2")), ("12-create-secgroup", { _ in }), ("13-sg-rule-tcp22", { _ in }),
            ("14-sg-rule-icmp", { _ in }), ("15-sg-rule-remote-group", { _ in }),
            ("16-create-port-with-sg", sameAddress("16-create-port-with-sg")), ("17-bind-port-host", { _ in }),
            ("18-port-disable-portsec", { _ in }), ("19-delete-port", { _ in }), ("20-create-network-2", { _ in }),
            ("21-create-subnet-2", { _ in }), ("22-delete-network-2", { _ in }), ("28-delete-port-p1", { _ in }),
            ("29-delete-port-p3", { _ in }), ("30-delete-network-1", { _ in }), ("31-delete-secgroup", { _ in }),
        ]
        for (step, patch) in steps {
            let before = replica.snapshot()
            try await replay.run(step, patch: patch)
            // Updates reach the replica just after the transaction's reply.
            try await replica.wait(timeout: .seconds(5)) { $0.snapshot() != before }
            let ours = observer.changes(from: before, to: replica.snapshot())
            let theirs = try ReferenceNB.changes(step, schema: replica.schema, keyOf: try ReferenceNB.keys(upTo: step), skipping: skipping)
            let normalised = Set(ours.map { NBChange(kind: $0.kind, table: $0.table, row: $0.row, columns: $0.columns) })
            #expect(normalised.subtracting(theirs).isEmpty && theirs.subtracting(normalised).isEmpty,
                    "\(step): ours only \(normalised.subtracting(theirs).sorted { $0.description < $1.description }), reference only \(theirs.subtracting(normalised).sorted { $0.description < $1.description })")
        }
        await nb.close()
    }
}
