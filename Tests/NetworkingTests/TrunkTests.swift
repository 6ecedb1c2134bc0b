import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// Trunks as ML2/OVN's trunk driver writes them: each subport's Logical_Switch_Port a VLAN child of the parent's
/// (`parent_name`, `tag`), the port a `trunk:subport` bound with its parent; Neutron's checks and errors.
@Suite struct TrunkTests {
    static func lsp(_ nb: Replica, _ name: String) -> Row? {
        nb.rows(NB.LogicalSwitchPort.table).first { $0["name"]?.string == name }
    }

    @Test func subportsAreVLANChildrenOfTheParent() async throws {
        let t = try await TestNetworking.start()
        let (net1, _) = try await t.networkWithSubnet("trunk-net", cidr: "10.80.0.0/24")
        let (net2, _) = try await t.networkWithSubnet("vlan-net", cidr: "10.81.0.0/24")
        let parent = try await t.create("ports", ["network_id": .string(net1), "binding:host_id": "host-1"])["id"]!.string!
        let sub1 = try await t.create("ports", ["network_id": .string(net2)])["id"]!.string!
        let sub2 = try await t.create("ports", ["network_id": .string(net2)])["id"]!.string!

        let trunk = try await t.create("trunks", ["name": "t", "port_id": .string(parent),
                                                  "sub_ports": [["port_id": .string(sub1), "segmentation_type": "vlan", "segmentation_id": 101]]])
        let trunkID = try #require(trunk["id"]?.string)
        #expect(trunk["status"]?.string == "ACTIVE" && trunk["sub_ports"]?.array?.first?["segmentation_id"]?.int == 101, "\(trunk)")
        let subport = try await t.show("ports", sub1)
        #expect(subport["device_owner"]?.string == "trunk:subport" && subport["binding:host_id"]?.string == "host-1"
                && subport["binding:profile"]?["parent_name"]?.string == parent && subport["binding:profile"]?["tag"]?.int == 101, "\(subport)")
        #expect(try await t.show("ports", parent)["trunk_details"]?["trunk_id"]?.string == trunkID)
        try await t.waitNB { nb in
            Self.lsp(nb, sub1)?["parent_name"]?.string == parent && Self.lsp(nb, sub1)?["tag"]?.integer == 101
        }

        // add_subports / get_subports / remove_subports; the removed port is a plain port again.
        let added = try await t.client.put("/v2.0/trunks/\(trunkID)/add_subports", token: t.admin, json: ["sub_ports": [
            ["port_id": .string(sub2), "segmentation_type": "vlan", "segmentation_id": 102]]])
        #expect(added.status == 200 && added.json["sub_ports"]?.array?.count == 2, "\(added)")
        let listed = try await t.client.get("/v2.0/trunks/\(trunkID)/get_subports", token: t.admin)
        #expect(listed.json["sub_ports"]?.array?.count == 2, "\(listed)")
        try await t.waitNB { nb in Self.lsp(nb, sub2)?["tag"]?.integer == 102 }
        _ = try await t.client.put("/v2.0/trunks/\(trunkID)/remove_subports", token: t.admin, json: ["sub_ports": [["port_id": .string(sub2)]]])
        let freed = try await t.show("ports", sub2)
        #expect(freed["device_owner"]?.string == "" && freed["binding:host_id"]?.string == "", "unbound once removed: \(freed)")
        try await t.waitNB { nb in Self.lsp(nb, sub2)?["parent_name"]?.string == nil && Self.lsp(nb, sub2)?["tag"]?.integer == nil }

        // Neutron's refusals, nothing changed by them.
        let other = try await t.create("ports", ["network_id": .string(net2)])["id"]!.string!
        let cases: [(String, JSONObject, Int, String)] = [
            ("/v2.0/trunks/\(trunkID)/add_subports", ["sub_ports": [["port_id": .string(other), "segmentation_type": "vlan", "segmentation_id": 101]]], 409, "DuplicateSubPort"),
            ("/v2.0/trunks/\(trunkID)/add_subports", ["sub_ports": [["port_id": .string(other), "segmentation_type": "vlan", "segmentation_id": 4095]]], 400, "InvalidInput"),
            ("/v2.0/trunks/\(trunkID)/add_subports", ["sub_ports": [["port_id": .string(other), "segmentation_type": "inherit", "segmentation_id": 7]]], 400, "InvalidInput"),
            ("/v2.0/trunks/\(trunkID)/add_subports", ["sub_ports": [["port_id": .string(parent), "segmentation_type": "vlan", "segmentation_id": 7]]], 409, "ParentPortInUse"),
            ("/v2.0/trunks/\(trunkID)/remove_subports", ["sub_ports": [["port_id": .string(other)]]], 404, "SubPortNotFound"),
        ]
        for (path, body, status, type) in cases {
            let r = try await t.client.put(path, token: t.admin, json: .object(body))
            #expect(r.status == status && r.neutronType == type, "\(body): \(r)")
        }
        let second = try await t.client.post("/v2.0/trunks", token: t.admin, json: ["trunk": ["port_id": .string(sub1)]])
        #expect(second.status == 409 && second.neutronType == "TrunkPortInUse", "\(second)")
        let busy = try await t.client.delete("/v2.0/ports/\(parent)", token: t.admin)
        #expect(busy.status == 409 && busy.neutronType == "PortInUseAsTrunkParent", "\(busy)")
        #expect(try await t.client.delete("/v2.0/ports/\(sub1)", token: t.admin).neutronType == "PortInUseAsSubPort")
        #expect(try await t.show("trunks", trunkID)["sub_ports"]?.array?.count == 1)

        // Kept across a restart; deleting the trunk frees its subports.
        try await t.restart()
        #expect(try await t.client.delete("/v2.0/trunks/\(trunkID)", token: t.admin).status == 204)
        #expect(try await t.show("ports", sub1)["device_owner"]?.string == "")
        try await t.waitNB { nb in Self.lsp(nb, sub1)?["parent_name"]?.string == nil }
        await t.destroy()
    }
}
