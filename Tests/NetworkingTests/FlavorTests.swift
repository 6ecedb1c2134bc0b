import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// `flavors`: admins' service flavors and profiles, their associations, Neutron's checks.
@Suite struct FlavorTests {
    @Test func flavorsProfilesAndAssociations() async throws {
        let t = try await TestNetworking.start()
        let member = try await t.member("flavor-reader")
        let flavor = try await t.create("flavors", ["name": "gold", "service_type": "L3_ROUTER_NAT"])
        let flavorID = try #require(flavor["id"]?.string)
        #expect(flavor["enabled"]?.bool == true && flavor["service_profiles"]?.array?.isEmpty == true, "\(flavor)")
        let profile = try await t.create("service_profiles", ["metainfo": "{'ha': true}"])["id"]!.string!
        let associated = try await t.client.post("/v2.0/flavors/\(flavorID)/service_profiles", token: t.admin,
                                                 json: ["service_profile": ["id": .string(profile)]])
        #expect(associated.status == 201, "\(associated)")
        #expect(try await t.show("flavors", flavorID, token: member.token)["service_profiles"]?.array?.compactMap(\.string) == [profile])
        #expect(try await t.show("service_profiles", profile)["flavors"]?.array?.compactMap(\.string) == [flavorID])
        let cases: [(String, String, JSONObject, Int, String)] = [
            ("POST", "/v2.0/flavors", ["flavor": ["name": "x", "service_type": "NOPE"]], 400, "InvalidServiceType"),
            ("POST", "/v2.0/service_profiles", ["service_profile": ["description": "d"]], 400, "ServiceProfileEmpty"),
            ("POST", "/v2.0/service_profiles", ["service_profile": ["driver": "neutron.Driver"]], 404, "ServiceProfileDriverNotFound"),
            ("POST", "/v2.0/flavors/\(flavorID)/service_profiles", ["service_profile": ["id": .string(profile)]], 409, "FlavorServiceProfileBindingExists"),
            ("DELETE", "/v2.0/service_profiles/\(profile)", [:], 409, "ServiceProfileInUse"),
        ]
        for (method, path, body, status, type) in cases {
            let r = method == "POST" ? try await t.client.post(path, token: t.admin, json: .object(body)) : try await t.client.delete(path, token: t.admin)
            #expect(r.status == status && r.neutronType == type, "\(method) \(path): \(r)")
        }
        #expect(try await t.client.post("/v2.0/flavors", token: member.token, json: ["flavor": ["service_type": "QOS"]]).status == 403)
        #expect(try await t.client.get("/v2.0/service_profiles", token: member.token).status == 403)
        try await t.restart()
        #expect(try await t.client.delete("/v2.0/flavors/\(flavorID)/service_profiles/\(profile)", token: t.admin).status == 204)
        #expect(try await t.client.delete("/v2.0/service_profiles/\(profile)", token: t.admin).status == 204)
        #expect(try await t.client.delete("/v2.0/flavors/\(flavorID)", token: t.admin).status == 204)
        #expect(try await t.list("flavors").isEmpty)
        await t.destroy()
    }
}
