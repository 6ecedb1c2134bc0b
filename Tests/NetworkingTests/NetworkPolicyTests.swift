import Foundation
import Networking
import OpenStackAPI
import Testing

/// Members see and change their own project's resources; shared and external networks are visible to all.
@Suite struct NetworkPolicyTests {
    @Test func projectsAreIsolated() async throws {
        let t = try await TestNetworking()
        let alice = TestNetworking.member("alice"), bob = TestNetworking.member("bob")
        let (aliceNet, _) = try await t.networkWithSubnet("alice-net", auth: alice)
        let shared = try await t.core.createNetwork(["network": ["name": "shared", "shared": true]], TestNetworking.admin)["id"]!.string!
        let external = try await t.core.createNetwork(["network": ["name": "public", "router:external": true, "provider:network_type": "flat",
                                                                   "provider:physical_network": "physnet1"]], TestNetworking.admin)["id"]!.string!

        let bobSees = Set(await t.core.listNetworks(bob).map { $0["id"]!.string! })
        #expect(bobSees == [shared, external])
        #expect(Set(await t.core.listNetworks(alice).map { $0["id"]!.string! }) == [aliceNet, shared, external])
        // Provider attributes are the admin's.
        #expect(await t.core.listNetworks(alice).allSatisfy { $0["provider:network_type"] == nil })
        #expect(try await t.core.showNetwork(external, TestNetworking.admin)["provider:network_type"]?.string == "flat")

        await #expect(throws: APIError.self) { try await t.core.showNetwork(aliceNet, bob) }
        await #expect(throws: APIError.self) { try await t.core.deleteNetwork(shared, bob) }
        await #expect(throws: APIError.self) { _ = try await t.core.createNetwork(["network": ["shared": true]], bob) }
        // A member may plug a port into a shared network; only its own project sees it.
        let port = try await t.core.createPort(["port": ["network_id": .string(shared)]], bob)
        #expect(port["project_id"]?.string == "bob")
        #expect(await t.core.listPorts(alice).map { $0["device_owner"]!.string! } == ["network:distributed"])
        #expect(await t.core.listPorts(bob).count == 1)
        // Each project got its own default security group.
        #expect(try await t.core.listGroups(bob).map { $0["name"]!.string! } == ["default"])
        await t.destroy()
    }
}
