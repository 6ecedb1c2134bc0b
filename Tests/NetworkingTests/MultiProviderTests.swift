import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// `multi-provider`: a network made with `segments` instead of the `provider:` attributes (one segment per network here).
@Suite struct MultiProviderTests {
    @Test func oneSegmentIsAProviderNetwork() async throws {
        let t = try await TestNetworking.start()
        let net = try await t.create("networks", ["name": "seg", "segments": [
            ["provider:network_type": "vlan", "provider:physical_network": "physnet1", "provider:segmentation_id": 120]]])
        #expect(net["provider:network_type"]?.string == "vlan" && net["provider:segmentation_id"]?.int == 120, "\(net)")
        let id = try #require(net["id"]?.string)
        try await t.waitNB { nb in
            nb.rows(NB.LogicalSwitchPort.table).contains { $0["type"]?.string == "localnet" && $0["tag"]?.integer == 120
                && $0["options"]?.stringMap["network_name"] == "physnet1" }
        }
        for body: JSONObject in [
            ["name": "x", "segments": [["provider:network_type": "vlan", "provider:physical_network": "physnet1", "provider:segmentation_id": 121]],
             "provider:network_type": "vlan"],
            ["name": "x", "segments": [["provider:network_type": "vlan", "provider:physical_network": "physnet1", "provider:segmentation_id": 122],
                                       ["provider:network_type": "vlan", "provider:physical_network": "physnet1", "provider:segmentation_id": 123]]],
            ["name": "x", "segments": "vlan"],
            ["name": "x", "segments": [["provider:network_type": "vlan", "colour": "red"]]],
        ] {
            let r = try await t.client.post("/v2.0/networks", token: t.admin, json: ["network": .object(body)])
            #expect(r.status == 400 && r.json["NeutronError"] != nil, "\(body): \(r)")
        }
        #expect(try await t.list("networks", "name=x").isEmpty)
        #expect(try await t.client.delete("/v2.0/networks/\(id)", token: t.admin).status == 204)
        await t.destroy()
    }
}
