import Deploy
import Foundation
import ProgramRunner
import Testing

extension ClusterLifecycleTests {
    @Test("trunk with real packets: VLAN 101 on a VM's interface carries its subport on another network (c1), which a VM on that network (c2) reaches; removing the subport cuts VLAN 101 off")
    func trunkSubportVLAN() async throws {
        try await TestCluster.with { cluster in
            #expect(try cluster.up().contains("READY"))
            let l3 = try await L3Cloud(cluster)
            let neutron = l3.neutron
            let trunkNet = try await l3.network("t-trunk-net", cidr: "10.64.0.0/24")
            let vlanNet = try await l3.network("t-vlan-net", cidr: "10.65.0.0/24")

            // The parent is an ordinary VM port on c1; the subport, an unbound port on the other network.
            let parent = try await l3.vm("tp", node: "c1", network: trunkNet)
            let subport = try await neutron.create("port", ["network_id": vlanNet.network, "name": "t-sub"])
            let subportID = try #require(subport["id"] as? String, "\(subport)")
            let subMAC = try #require(subport["mac_address"] as? String), subIP = try #require(L3Cloud.addresses(subport).first)
            let created = try await neutron.cloud.call("POST", "network", "/v2.0/trunks", ["trunk": [
                "name": "t-trunk", "port_id": parent.portID,
                "sub_ports": [["port_id": subportID, "segmentation_type": "vlan", "segmentation_id": 101]]]])
            try #require(created.status == 201, "\(created)")
            let trunkID = try #require((created.json["trunk"] as? [String: Any])?["id"] as? String)
            #expect(try await neutron.show("port", subportID)["binding:host_id"] as? String
                    == (try await neutron.show("port", parent.portID)["binding:host_id"] as? String), "the subport is bound where its parent is")

            try await l3.lease(parent)
            // The guest's side of the trunk: VLAN 101 frames on eth0 answered as the subport (raw 802.1Q frames: this
            // kernel has no 8021q module for a VLAN interface).
            let guest = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support/vlan_guest.py").path
            let responder = try parent.vm.spawn("python3", [guest, "eth0", "101", subMAC, subIP])
            defer { kill(responder, SIGKILL); waitpid(responder, nil, 0) }

            let b = try await l3.vm("tb", node: "c2", network: vlanNet)
            try await l3.lease(b)
            let reached = try await cluster.eventually(20) { b.vm.ping(subIP) }
            if !reached {
                // What the SB bound and what reached tp's interface while tb pinged, to tell OVN's part from the guest's.
                let binding = (try? cluster.sbctl(["--columns=logical_port,parent_port,tag,chassis,up", "find", "Port_Binding", "logical_port=\(subportID)"])) ?? "?"
                let capture = Program.probe("sh", ["-c", "timeout 4 ip netns exec \(parent.vm.netns) tcpdump -e -n -i eth0 -c 8 2>&1 & sleep 0.5; "
                                                   + "ip netns exec \(b.vm.netns) ping -c2 -W1 \(subIP) >/dev/null; wait"])
                Issue.record("tb (c2, 10.65) → the subport \(subIP) on tp's VLAN 101 (c1): no reply; SB \(binding); tp's eth0: \(capture.output)")
            }
            try await l3.waitActive(subportID)

            let removed = try await neutron.cloud.call("PUT", "network", "/v2.0/trunks/\(trunkID)/remove_subports",
                                                       ["sub_ports": [["port_id": subportID]]])
            #expect(removed.status == 200, "\(removed)")
            #expect(try await cluster.eventually(10) { !b.vm.ping(subIP) }, "the subport still answers on VLAN 101 after its removal")
        }
    }
}
