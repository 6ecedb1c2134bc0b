import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// `auto-allocated-topology` ("get me a network"): the network, a subnet per default pool and a router to the default
/// external network, made once per project as one change, answered again unchanged, and taken down whole.
@Suite struct AutoAllocationTests {
    @Test func getMeANetwork() async throws {
        let t = try await TestNetworking.start()
        let member = try await t.member("gman")
        let path = "/v2.0/auto-allocated-topology/\(member.projectID)"

        // Without a default external network or default pools: the dry run and the real call say which is missing.
        var r = try await t.client.get(path + "?fields=dry-run", token: member.token)
        #expect(r.status == 409 && r.json["NeutronError"]?["message"]?.string == "Deployment error: No default router:external network.", "\(r)")
        let publicNet = try await t.create("networks", ["name": "public", "router:external": true, "provider:network_type": "flat",
                                                        "provider:physical_network": "physnet1", "is_default": true])
        #expect(publicNet["is_default"]?.bool == true, "\(publicNet)")
        let second = try await t.client.post("/v2.0/networks", token: t.admin, json: ["network": ["name": "p2", "router:external": true, "is_default": true]])
        #expect(second.status == 409 && second.neutronType == "DefaultExternalNetworkExists", "\(second)")
        try await t.create("subnets", ["network_id": publicNet["id"]!, "ip_version": 4, "cidr": "203.0.113.0/24"])
        r = try await t.client.get(path, token: member.token)
        #expect(r.status == 409 && r.neutronType == "AutoAllocationFailure", "\(r)")
        try await t.create("subnetpools", ["name": "default4", "prefixes": ["10.128.0.0/16"], "default_prefixlen": 26, "is_default": true,
                                           "shared": true])
        r = try await t.client.get(path + "?fields=dry-run", token: member.token)
        #expect(r.status == 200 && r.json["auto_allocated_topology"]?["id"]?.string == "dry-run=pass", "\(r)")

        // The first GET builds it; the second answers the same network; others may not ask for this project's.
        r = try await t.client.get(path, token: member.token)
        let network = try #require(r.json["auto_allocated_topology"]?["id"]?.string, "\(r)")
        #expect(r.json["auto_allocated_topology"]?["project_id"]?.string == member.projectID)
        #expect(try await t.client.get(path, token: member.token).json["auto_allocated_topology"]?["id"]?.string == network)
        let other = try await t.member("other-gman")
        #expect(try await t.client.get(path, token: other.token).status == 403)
        let subnets = try await t.list("subnets", "network_id=\(network)", token: member.token)
        #expect(subnets.map { $0["name"]?.string } == ["auto_allocated_subnet_v4"] && subnets.first?["cidr"]?.string == "10.128.0.0/26", "\(subnets)")
        let routers = try await t.list("routers", "name=auto_allocated_router", token: member.token)
        #expect(routers.count == 1 && routers.first?["external_gateway_info"]?["network_id"] == publicNet["id"], "\(routers)")
        let routerID = try #require(routers.first?["id"]?.string)
        let interfaces = try await t.list("ports", "device_id=\(routerID)&device_owner=network:router_interface", token: member.token)
        #expect(interfaces.first?["fixed_ips"]?.array?.first?["subnet_id"] == subnets.first?["id"], "\(interfaces)")
        try await t.waitNB { nb in
            nb.rows(NB.LogicalRouter.table).contains { $0["name"]?.string == "neutron-\(routerID)" }
        }

        // Kept across a restart; DELETE takes network, subnet, router and interface down; a second DELETE finds nothing to do.
        try await t.restart()
        #expect(try await t.client.get(path, token: member.token).json["auto_allocated_topology"]?["id"]?.string == network)
        #expect(try await t.client.delete(path, token: member.token).status == 204)
        #expect(try await t.client.get("/v2.0/networks/\(network)", token: member.token).status == 404)
        #expect(try await t.list("routers", "name=auto_allocated_router", token: member.token).isEmpty)
        #expect(try await t.list("ports", "device_id=\(routerID)").isEmpty)
        #expect(try await t.client.delete(path, token: member.token).status == 204)
        try await t.waitNB { nb in
            !nb.rows(NB.LogicalRouter.table).contains { $0["name"]?.string == "neutron-\(routerID)" }
        }
        #expect(try await t.client.get(path + "?fields=name", token: member.token).status == 400)
        await t.destroy()
    }
}
