import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// `quotas`, `quota_details`, `quota-check-limit`: per-project limits that every create respects, kept across restarts.
@Suite struct QuotaTests {
    @Test func limitsAreEnforcedShownAndKept() async throws {
        let t = try await TestNetworking.start()
        let member = try await t.member("q")
        var r = try await t.client.get("/v2.0/quotas/\(member.projectID)", token: member.token)
        #expect(r.json["quota"]?["network"]?.int == 100 && r.json["quota"]?["port"]?.int == 500, "\(r)")
        #expect(r.json["quota"]?.object?.keys.sorted() == ["floatingip", "network", "port", "rbac_policy", "router", "security_group",
                                                          "security_group_rule", "subnet", "subnetpool"])
        #expect(r.json["quota"]?["subnetpool"]?.int == -1 && r.json["quota"]?["rbac_policy"]?.int == 10)
        // A member may neither read another project's limits nor change its own.
        #expect(try await t.client.get("/v2.0/quotas/admin", token: member.token).status == 403)
        r = try await t.client.put("/v2.0/quotas/\(member.projectID)", token: member.token, json: ["quota": ["network": 1000]])
        #expect(r.status == 403 && r.neutronType == "PolicyNotAuthorized", "\(r)")

        r = try await t.client.put("/v2.0/quotas/\(member.projectID)", token: t.admin, json: ["quota": ["network": 2, "router": -1]])
        #expect(r.status == 200 && r.json["quota"]?["network"]?.int == 2 && r.json["quota"]?["router"]?.int == -1, "\(r)")
        try await t.create("networks", ["name": "a"], token: member.token)
        try await t.create("networks", ["name": "b"], token: member.token)
        r = try await t.client.post("/v2.0/networks", token: member.token, json: ["network": ["name": "c"]])
        #expect(r.status == 409 && r.neutronType == "OverQuota", "\(r)")
        #expect(r.json["NeutronError"]?["message"]?.string == "Quota exceeded for resources: ['network'].")
        #expect(try await t.list("networks", "name=c", token: member.token).isEmpty)

        // Details: the limit, the use and no reservations; the default security group and its rules count too.
        r = try await t.client.get("/v2.0/quotas/\(member.projectID)/details.json", token: member.token)
        #expect(r.json["quota"]?["network"]?.object == ["limit": 2, "used": 2, "reserved": 0], "\(r)")
        #expect(r.json["quota"]?["security_group"]?["used"]?.int == 1)
        #expect((r.json["quota"]?["security_group_rule"]?["used"]?.int ?? 0) >= 2)
        #expect(r.json["quota"]?["port"]?["used"]?.int == 2)  // the two metadata ports

        // A limit below the use is refused unless forced; bad values are refused.
        r = try await t.client.put("/v2.0/quotas/\(member.projectID)", token: t.admin, json: ["quota": ["network": 1]])
        #expect(r.status == 400 && r.json["NeutronError"]?["message"]?.string
            == "Quota limit 1 for network must be greater than or equal to already used 2", "\(r)")
        for bad: JSON in ["x", -2, 1.5] {
            r = try await t.client.put("/v2.0/quotas/\(member.projectID)", token: t.admin, json: ["quota": ["network": bad]])
            #expect(r.status == 400 && r.neutronType == "InvalidInput", "\(bad): \(r)")
        }
        r = try await t.client.put("/v2.0/quotas/\(member.projectID)", token: t.admin, json: ["quota": ["volumes": 1]])
        #expect(r.status == 400, "\(r)")
        r = try await t.client.put("/v2.0/quotas/\(member.projectID)", token: t.admin, json: ["quota": ["network": 1, "force": true]])
        #expect(r.status == 200 && r.json["quota"]?["network"]?.int == 1, "\(r)")

        // Admins list the projects with limits of their own; the limits survive a restart; delete resets them.
        var all = try await t.list("quotas")
        #expect(all.map { $0["project_id"]?.string } == [member.projectID] && all.first?["network"]?.int == 1)
        try await t.server.restart()
        #expect(try await t.show("quotas", member.projectID)["network"]?.int == 1)
        #expect(try await t.client.delete("/v2.0/quotas/\(member.projectID)", token: t.admin).status == 204)
        #expect(try await t.show("quotas", member.projectID)["network"]?.int == 100)
        all = try await t.list("quotas")
        #expect(all.isEmpty)
        r = try await t.client.get("/v2.0/quotas/\(member.projectID)/default", token: member.token)
        #expect(r.json["quota"]?["router"]?.int == 10, "\(r)")
        await t.destroy()
    }

    @Test func aBulkCreateIsAllOrNothing() async throws {
        let t = try await TestNetworking.start()
        let member = try await t.member("bulk")
        _ = try await t.client.put("/v2.0/quotas/\(member.projectID)", token: t.admin, json: ["quota": ["network": 2]])
        let r = try await t.client.post("/v2.0/networks", token: member.token, json: ["networks": [["name": "a"], ["name": "b"], ["name": "c"]]])
        #expect(r.status == 409 && r.neutronType == "OverQuota", "\(r)")
        #expect(try await t.list("networks", "project_id=\(member.projectID)", token: member.token).isEmpty)
        let ok = try await t.client.post("/v2.0/networks", token: member.token, json: ["networks": [["name": "a"], ["name": "b"]]])
        #expect(ok.status == 201 && ok.json["networks"]?.array?.count == 2, "\(ok)")
        await t.destroy()
    }
}
