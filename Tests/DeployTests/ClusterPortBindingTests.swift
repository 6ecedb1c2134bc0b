import Deploy
import Foundation
import ProgramRunner
import Testing

extension ClusterLifecycleTests {
    @Test("live migration's network side with real packets: a port bound on c1 and migrating to c2 is bound by OVN on both chassis (additional_chassis c2); activating c2's binding moves it there, and a VM on c2 answers at its address")
    func portBindingActivationMovesThePort() async throws {
        try await TestCluster.with { cluster in
            #expect(try cluster.up().contains("READY"))
            let l3 = try await L3Cloud(cluster)
            let net = try await l3.network("t-lm-net", cidr: "10.66.0.0/24")
            let source = try await l3.vm("lm", node: "c1", network: net)
            let witness = try await l3.vm("lw", node: "c2", network: net)
            for vm in [source, witness] {
                try await l3.lease(vm)
            }
            #expect(try await cluster.eventually(20) { witness.vm.ping(source.vm.ip) }, "lw (c2) → lm (c1) before the move")
            #expect(l3.resident(source.portID) == "c1")

            // Nova before the move: the port's profile names the destination, the destination gets an inactive binding,
            // and the guest's interface appears there (same MAC, same port).
            let destination = try l3.host(of: "c2")
            _ = try await l3.neutron.update("port", source.portID, ["binding:profile": ["migrating_to": destination]])
            let created = try await l3.neutron.cloud.call("POST", "network", "/v2.0/ports/\(source.portID)/bindings", ["binding": ["host": destination]])
            try #require(created.status == 201 && (created.json["binding"] as? [String: Any])?["status"] as? String == "INACTIVE", "\(created)")
            let moved = try TestVM.attach(cluster, name: "lm2", node: "c2", mac: source.vm.mac, ip: source.vm.ip, ifaceID: source.portID)
            #expect(try await cluster.eventually(20) { l3.resident(source.portID, column: "additional_chassis") == "c2" },
                    "OVN binds the migrating port on c2 too: \(l3.resident(source.portID, column: "additional_chassis") ?? "none")")
            #expect(l3.resident(source.portID) == "c1", "c1 stays the port's chassis until the activation")
            #expect(witness.vm.ping(source.vm.ip), "lm (c1) still answers while the port is bound on both")

            // The guest has moved: the source goes, the destination's binding is activated.
            _ = try cluster.vsctl("c1", ["del-port", "br-int", "lm-p"])
            Netns.delete(source.vm.netns)
            let activated = try await l3.neutron.cloud.call("PUT", "network", "/v2.0/ports/\(source.portID)/bindings/\(destination)/activate")
            #expect(activated.status == 200, "\(activated)")
            #expect(try await cluster.eventually(20) { l3.resident(source.portID) == "c2" }, "SB binds the port on c2: \(l3.resident(source.portID) ?? "none")")
            try moved.exec("ip", ["addr", "add", "\(source.vm.ip)/24", "dev", "eth0"])
            #expect(try await cluster.eventually(20) { witness.vm.ping(source.vm.ip) }, "lw → lm2 (c2) at the moved port's address")
            try await l3.waitActive(source.portID)

            // Nova deletes the source's binding, which the activation left inactive and unbound.
            let bindings = try await l3.neutron.cloud.call("GET", "network", "/v2.0/ports/\(source.portID)/bindings")
            let states = (bindings.json["bindings"] as? [[String: Any]] ?? []).map { "\($0["status"] as? String ?? "?")/\($0["vif_type"] as? String ?? "?")" }
            #expect(states == ["ACTIVE/ovs", "INACTIVE/unbound"], "\(bindings)")
            let deleted = try await l3.neutron.cloud.call("DELETE", "network", "/v2.0/ports/\(source.portID)/bindings/\(try l3.host(of: "c1"))")
            #expect(deleted.status == 204, "\(deleted)")
        }
    }
}
