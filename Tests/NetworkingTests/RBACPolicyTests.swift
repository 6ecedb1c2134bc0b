import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// RBAC policies as Neutron keeps them: they decide who sees a network or security group; `shared` and
/// `router:external` are `*` policies; a policy others depend on cannot go; only owners share.
@Suite struct RBACPolicyTests {
    @Test func networkPoliciesDecideVisibilityAndUse() async throws {
        let t = try await TestNetworking.start()
        let owner = try await t.member("owner"), other = try await t.member("other"), third = try await t.member("third")
        let (net, _) = try await t.networkWithSubnet("n", cidr: "10.70.0.0/24", token: owner.token)
        #expect(try await t.client.get("/v2.0/networks/\(net)", token: other.token).status == 404)

        // The owner shares it with one project: that one sees it (shared, as it sees it) and makes a port on it.
        let policy = try await t.create("rbac-policies", ["object_type": "network", "object_id": .string(net), "action": "access_as_shared",
                                                          "target_tenant": .string(other.projectID)], token: owner.token)
        let policyID = try #require(policy["id"]?.string)
        #expect(policy["project_id"]?.string == owner.projectID && policy["target_tenant"]?.string == other.projectID
                && policy["object_type"]?.string == "network", "\(policy)")
        #expect(try await t.show("networks", net, token: other.token)["shared"]?.bool == true)
        #expect(try await t.show("networks", net, token: owner.token)["shared"]?.bool == false)
        #expect(try await t.client.get("/v2.0/networks/\(net)", token: third.token).status == 404)
        let port = try await t.create("ports", ["network_id": .string(net)], token: other.token)["id"]!.string!
        #expect(try await t.list("networks", "shared=True", token: other.token).map { $0["id"]?.string } == [net])

        // A second identical policy is a conflict; the policy the port depends on cannot go, nor be moved elsewhere.
        let duplicate = try await t.client.post("/v2.0/rbac-policies", token: owner.token, json: ["rbac_policy": [
            "object_type": "network", "object_id": .string(net), "action": "access_as_shared", "target_tenant": .string(other.projectID)]])
        #expect(duplicate.status == 409 && duplicate.neutronType == "DuplicateRbacPolicy", "\(duplicate)")
        let inUse = try await t.client.delete("/v2.0/rbac-policies/\(policyID)", token: owner.token)
        #expect(inUse.status == 409 && inUse.neutronType == "RbacPolicyInUse", "\(inUse)")
        let moved = try await t.client.put("/v2.0/rbac-policies/\(policyID)", token: owner.token,
                                           json: ["rbac_policy": ["target_tenant": .string(third.projectID)]])
        #expect(moved.status == 409 && moved.neutronType == "RbacPolicyInUse", "\(moved)")

        // Shared with everyone (`shared: true` is a `*` policy): then the targeted one may go, and `*` not while the port is there.
        try await t.update("networks", net, ["shared": true])
        let wildcard = try #require(try await t.list("rbac-policies", "object_id=\(net)&target_tenant=*").first)
        #expect(wildcard["action"]?.string == "access_as_shared" && wildcard["project_id"]?.string == owner.projectID, "\(wildcard)")
        #expect(try await t.show("networks", net, token: third.token)["shared"]?.bool == true)
        #expect(try await t.client.delete("/v2.0/rbac-policies/\(policyID)", token: owner.token).status == 204)
        let unshare = try await t.client.put("/v2.0/networks/\(net)", token: t.admin, json: ["network": ["shared": false]])
        #expect(unshare.status == 409 && unshare.neutronType == "InvalidSharedSetting", "\(unshare)")
        #expect(try await t.client.delete("/v2.0/ports/\(port)", token: other.token).status == 204)
        #expect(try await t.update("networks", net, ["shared": false])["shared"]?.bool == false)
        #expect(try await t.list("rbac-policies", "object_id=\(net)").isEmpty)
        #expect(try await t.client.get("/v2.0/networks/\(net)", token: other.token).status == 404)

        // A network's policies go with it, and survive a restart until then.
        let kept = try await t.create("rbac-policies", ["object_type": "network", "object_id": .string(net), "action": "access_as_shared",
                                                        "target_tenant": .string(third.projectID)], token: owner.token)["id"]!.string!
        try await t.restart()
        #expect(try await t.show("rbac-policies", kept, token: owner.token)["target_tenant"]?.string == third.projectID)
        #expect(try await t.client.delete("/v2.0/networks/\(net)", token: owner.token).status == 204)
        #expect(try await t.client.get("/v2.0/rbac-policies/\(kept)", token: owner.token).status == 404)
        await t.destroy()
    }

    @Test func externalPoliciesAndSecurityGroups() async throws {
        let t = try await TestNetworking.start()
        let owner = try await t.member("sg-owner"), other = try await t.member("sg-other")

        // access_as_external on an internal network makes it external, for that project only.
        let net = try await t.create("networks", ["name": "ext"])["id"]!.string!
        let external = try await t.create("rbac-policies", ["object_type": "network", "object_id": .string(net), "action": "access_as_external",
                                                            "target_tenant": .string(other.projectID)])["id"]!.string!
        #expect(try await t.show("networks", net)["router:external"]?.bool == true)
        #expect(try await t.show("networks", net, token: other.token)["shared"]?.bool == false)
        #expect(try await t.client.get("/v2.0/networks/\(net)", token: owner.token).status == 404)
        #expect(try await t.client.delete("/v2.0/rbac-policies/\(external)", token: t.admin).status == 204)
        #expect(try await t.show("networks", net)["router:external"]?.bool == false)

        // A shared security group: the target sees it (shared), puts it on its port, cannot change it; in use, its policy stays.
        let sg = try await t.create("security-groups", ["name": "web"], token: owner.token)["id"]!.string!
        #expect(try await t.client.get("/v2.0/security-groups/\(sg)", token: other.token).status == 404)
        let policy = try await t.create("rbac-policies", ["object_type": "security_group", "object_id": .string(sg), "action": "access_as_shared",
                                                          "target_tenant": .string(other.projectID)], token: owner.token)["id"]!.string!
        #expect(try await t.show("security-groups", sg, token: other.token)["shared"]?.bool == true)
        #expect(try await t.list("security-groups", "shared=True", token: other.token).map { $0["id"]?.string } == [sg])
        let changed = try await t.client.put("/v2.0/security-groups/\(sg)", token: other.token, json: ["security_group": ["name": "x"]])
        #expect(changed.status == 403, "\(changed)")
        let (otherNet, _) = try await t.networkWithSubnet("o", cidr: "10.71.0.0/24", token: other.token)
        let port = try await t.create("ports", ["network_id": .string(otherNet), "security_groups": [.string(sg)]], token: other.token)
        #expect(port["security_groups"]?.array?.compactMap(\.string) == [sg], "\(port)")
        let inUse = try await t.client.delete("/v2.0/rbac-policies/\(policy)", token: owner.token)
        #expect(inUse.status == 409 && inUse.neutronType == "RbacPolicyInUse", "\(inUse)")
        await t.destroy()
    }

    @Test func badInputIsRefusedWithNothingWritten() async throws {
        let t = try await TestNetworking.start()
        let owner = try await t.member("bad-owner"), other = try await t.member("bad-other")
        let net = try await t.create("networks", ["name": "n"], token: owner.token)["id"]!.string!
        func post(_ body: JSONObject, _ token: String) async throws -> APIResponse {
            try await t.client.post("/v2.0/rbac-policies", token: token, json: ["rbac_policy": .object(body)])
        }
        let base: JSONObject = ["object_type": "network", "object_id": .string(net), "action": "access_as_shared",
                                "target_tenant": .string(other.projectID)]
        /// The base body with some members replaced (nil: left out).
        func with(_ changes: [String: JSON?]) -> JSONObject {
            var o = base
            for (key, value) in changes { o[key] = value }
            return o
        }
        let cases: [(JSONObject, String, Int, String?)] = [
            (with(["object_type": "router"]), owner.token, 400, "InvalidInput"),
            (with(["action": "access_as_owner"]), owner.token, 400, "InvalidActionForType"),
            (with(["object_type": "security_group", "action": "access_as_external"]), owner.token, 400, "InvalidActionForType"),
            (with(["object_id": "not-a-uuid"]), owner.token, 400, nil),
            (with(["object_id": .string(UUID().uuidString.lowercased())]), owner.token, 404, "NetworkNotFound"),
            (with(["target_tenant": nil]), owner.token, 400, nil),
            (with(["colour": "red"]), owner.token, 400, nil),
            (base, other.token, 404, "NetworkNotFound"),
            // Only admins share with every project.
            (with(["target_tenant": "*"]), owner.token, 403, "PolicyNotAuthorized"),
        ]
        for (body, token, status, type) in cases {
            let r = try await post(body, token)
            #expect(r.status == status && (type == nil || r.neutronType == type), "\(body): \(r)")
        }
        // Visible but not theirs: a project a network is shared with may not share it on.
        try await t.create("rbac-policies", base, token: owner.token)
        let third = try await t.member("bad-third")
        let reshare = try await post(with(["target_tenant": .string(third.projectID)]), other.token)
        #expect(reshare.status == 400 && reshare.neutronType == "InvalidInput", "\(reshare)")
        #expect(try await t.list("rbac-policies").count == 1)
        #expect(try await t.client.get("/v2.0/rbac-policies", token: other.token).json["rbac_policies"]?.array?.isEmpty == true)
        await t.destroy()
    }
}
