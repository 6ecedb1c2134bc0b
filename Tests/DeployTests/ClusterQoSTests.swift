import Deploy
import Foundation
import ProgramRunner
import Testing

extension ClusterLifecycleTests {
    @Test("QoS with real packets: a DSCP marking rule on a VM's port (c1) marks its packets as they leave it — another VM (c2) sees them with DSCP 14 (tos 0x38); without the policy, unmarked")
    func qosDSCPMarking() async throws {
        try await TestCluster.with { cluster in
            #expect(try cluster.up().contains("READY"))
            let l3 = try await L3Cloud(cluster)
            let neutron = l3.neutron
            let net = try await l3.network("t-qos-net", cidr: "10.66.0.0/24")
            let a = try await l3.vm("qa", node: "c1", network: net)
            let b = try await l3.vm("qb", node: "c2", network: net)
            for vm in [a, b] {
                try await l3.lease(vm)
            }
            #expect(try await cluster.eventually(10) { a.vm.ping(b.vm.ip) }, "qa → qb")

            /// The TOS byte of qa's echo requests as qb's interface receives them.
            func tos() -> String {
                let capture = Program.probe("sh", ["-c", "timeout 4 ip netns exec \(b.vm.netns) tcpdump -v -n -i eth0 -c 2 icmp and src \(a.vm.ip) 2>&1 & "
                                                   + "sleep 0.5; ip netns exec \(a.vm.netns) ping -n -c3 -i 0.3 -W1 \(b.vm.ip) >/dev/null; wait"])
                return capture.output.firstMatch(of: /tos (0x[0-9a-f]+)/).map { String($0.1) } ?? "none in: \(capture.output)"
            }
            #expect(tos() == "0x0", "unmarked before the policy")

            let created = try await neutron.cloud.call("POST", "network", "/v2.0/qos/policies", ["policy": ["name": "t-dscp"]])
            let policyID = try #require((created.json["policy"] as? [String: Any])?["id"] as? String, "\(created)")
            let rule = try await neutron.cloud.call("POST", "network", "/v2.0/qos/policies/\(policyID)/dscp_marking_rules",
                                                    ["dscp_marking_rule": ["dscp_mark": 14]])
            #expect(rule.status == 201, "\(rule)")
            _ = try await neutron.update("port", a.portID, ["qos_policy_id": policyID])
            var seen = ""
            #expect(try await cluster.eventually(15) {
                seen = tos()
                return seen == "0x38"
            }, "qa's packets at qb: tos \(seen), not DSCP 14; QoS \((try? cluster.nbctl(["list", "QoS"])) ?? "?")")

            _ = try await neutron.update("port", a.portID, ["qos_policy_id": NSNull()])
            #expect(try await cluster.eventually(15) { tos() == "0x0" }, "still marked after the policy was taken off the port")
        }
    }
}
