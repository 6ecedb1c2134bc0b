import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// Members see and change their own project's resources; shared and external networks are visible to all.
@Suite struct NetworkPolicyTests {
    @Test func projectsAreIsolated() async throws {
        let t = try await TestNetworking.start()
        let alice = try await t.member("alice"), bob = try await t.member("bob")
        let (aliceNet, _) = try await t.networkWithSubnet("alice-net", token: alice.token)
        let shared = try await t.create("networks", ["name": "shared", "shared": true])["id"]!.string!
        let external = try await t.create("networks", ["name": "public", "router:external": true, "provider:network_type": "flat",
                                                       "provider:physical_network": "physnet1"])["id"]!.string!

        let bobSees = Set(try await t.list("networks", token: bob.token).map { $0["id"]!.string! })
        #expect(bobSees == [shared, external])
        #expect(Set(try await t.list("networks", token: alice.token).map { $0["id"]!.string! }) == [aliceNet, shared, external])
        // Provider attributes are the admin's.
        #expect(try await t.list("networks", token: alice.token).allSatisfy { $0["provider:network_type"] == nil })
        #expect(try await t.show("networks", external)["provider:network_type"]?.string == "flat")

        #expect(try await t.client.get("/v2.0/networks/\(aliceNet)", token: bob.token).status == 404)
        #expect(try await t.client.delete("/v2.0/networks/\(shared)", token: bob.token).status / 100 == 4)
        let sharedByBob = try await t.client.post("/v2.0/networks", token: bob.token, json: ["network": ["shared": true]])
        #expect((400..<500).contains(sharedByBob.status), "\(sharedByBob)")
        // A member may plug a port into a shared network; only its own project sees it.
        let port = try await t.create("ports", ["network_id": .string(shared)], token: bob.token)
        #expect(port["project_id"]?.string == bob.projectID)
        #expect(try await t.list("ports", token: alice.token).map { $0["device_owner"]!.string! } == ["network:distributed"])
        #expect(try await t.list("ports", token: bob.token).count == 1)
        // Each project got its own default security group.
        #expect(try await t.list("security-groups", token: bob.token).map { $0["name"]!.string! } == ["default"])
        await t.destroy()
    }
}
