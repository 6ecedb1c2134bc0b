import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// Address scopes as Neutron (Zed) keeps them: subnet pools of their IP version join them without overlapping; the
/// networks show their subnets' scopes; sharing is RBAC; a scope with pools stays.
@Suite struct AddressScopeTests {
    @Test func poolsJoinScopesAndNetworksShowThem() async throws {
        let t = try await TestNetworking.start()
        let member = try await t.member("scoped")
        let scope = try await t.create("address-scopes", ["name": "as4", "ip_version": 4], token: member.token)
        let scopeID = try #require(scope["id"]?.string)
        #expect(scope["shared"]?.bool == false && scope["project_id"]?.string == member.projectID && scope["revision_number"] == nil, "\(scope)")

        let pool = try await t.create("subnetpools", ["name": "p", "prefixes": ["10.90.0.0/16"], "address_scope_id": .string(scopeID)],
                                      token: member.token)
        #expect(pool["address_scope_id"]?.string == scopeID, "\(pool)")
        let net = try await t.create("networks", ["name": "n"], token: member.token)["id"]!.string!
        try await t.create("subnets", ["network_id": .string(net), "ip_version": 4, "subnetpool_id": pool["id"]!, "prefixlen": 24],
                           token: member.token)
        let network = try await t.show("networks", net, token: member.token)
        #expect(network["ipv4_address_scope"]?.string == scopeID && network["ipv6_address_scope"]?.isNull == true, "\(network)")

        // Another pool in the scope may not overlap; one of the other IP version may not join; the scope cannot go.
        let overlap = try await t.client.post("/v2.0/subnetpools", token: member.token, json: ["subnetpool": [
            "name": "q", "prefixes": ["10.90.128.0/17"], "address_scope_id": .string(scopeID)]])
        #expect(overlap.status == 409 && overlap.neutronType == "AddressScopePrefixConflict", "\(overlap)")
        let v6 = try await t.client.post("/v2.0/subnetpools", token: member.token, json: ["subnetpool": [
            "name": "r", "prefixes": ["2001:db8::/48"], "address_scope_id": .string(scopeID)]])
        #expect(v6.status == 400 && v6.neutronType == "IllegalSubnetPoolIpVersionAssociationToAddressScope", "\(v6)")
        let busy = try await t.client.delete("/v2.0/address-scopes/\(scopeID)", token: member.token)
        #expect(busy.status == 409 && busy.neutronType == "AddressScopeInUse", "\(busy)")
        #expect(try await t.list("subnetpools", "name=q", token: member.token).isEmpty)

        // Another project neither sees nor uses it until it is shared; shared stays shared.
        let other = try await t.member("unscoped")
        #expect(try await t.client.get("/v2.0/address-scopes/\(scopeID)", token: other.token).status == 404)
        let refused = try await t.client.put("/v2.0/address-scopes/\(scopeID)", token: member.token, json: ["address_scope": ["shared": true]])
        #expect(refused.status == 403, "\(refused)")
        #expect(try await t.update("address-scopes", scopeID, ["shared": true])["shared"]?.bool == true)
        #expect(try await t.show("address-scopes", scopeID, token: other.token)["shared"]?.bool == true)
        let unshare = try await t.client.put("/v2.0/address-scopes/\(scopeID)", token: t.admin, json: ["address_scope": ["shared": false]])
        #expect(unshare.status == 400 && unshare.neutronType == "AddressScopeUpdateError", "\(unshare)")
        let policies = try await t.list("rbac-policies", "object_id=\(scopeID)")
        #expect(policies.count == 1 && policies.first?["object_type"]?.string == "address_scope", "\(policies)")

        // Out of the scope, the pool lets the scope go; the scope's policies go with it; both kept across a restart.
        try await t.update("subnetpools", pool["id"]!.string!, ["address_scope_id": .null], token: member.token)
        try await t.restart()
        #expect(try await t.show("networks", net, token: member.token)["ipv4_address_scope"]?.isNull == true)
        #expect(try await t.client.delete("/v2.0/address-scopes/\(scopeID)", token: member.token).status == 204)
        #expect(try await t.list("rbac-policies", "object_id=\(scopeID)").isEmpty)
        await t.destroy()
    }

    @Test func badInputIsRefused() async throws {
        let t = try await TestNetworking.start()
        for (body, status) in [(["name": "x"], 400), (["ip_version": 5], 400), (["ip_version": "four"], 400), (["ip_version": 4, "colour": "red"], 400),
                               (["ip_version": 4, "shared": "maybe"], 400)] as [(JSONObject, Int)] {
            let r = try await t.client.post("/v2.0/address-scopes", token: t.admin, json: ["address_scope": .object(body)])
            #expect(r.status == status && r.json["NeutronError"] != nil, "\(body): \(r)")
        }
        let missing = try await t.client.post("/v2.0/subnetpools", token: t.admin, json: ["subnetpool": [
            "name": "p", "prefixes": ["10.1.0.0/16"], "address_scope_id": .string(UUID().uuidString.lowercased())]])
        #expect(missing.status == 404 && missing.neutronType == "AddressScopeNotFound", "\(missing)")
        let bad = try await t.client.post("/v2.0/subnetpools", token: t.admin, json: ["subnetpool": [
            "name": "p", "prefixes": ["10.1.0.0/16"], "address_scope_id": "nope"]])
        #expect(bad.status == 400, "\(bad)")
        #expect(try await t.list("address-scopes").isEmpty)
        #expect(try await t.list("subnetpools").isEmpty)
        await t.destroy()
    }
}
