import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// `os-quota-sets` over HTTP: shapes, admin-only updates, bad input, enforcement on create, `limits`, restarts.
@Suite("Compute quotas", .serialized)
struct ComputeQuotaTests {
    @Test("show/defaults/detail, admin update and reset, 400/403, enforced on create, kept across a restart")
    func quotas() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken, admin = cloud.adminToken, project = cloud.demoProjectID
            let shown = try await cloud.api.get("/v2.1/os-quota-sets/\(project)", token: demo)
            #expect(shown.status == 200 && shown.json["quota_set"]?["instances"]?.int == 10 && shown.json["quota_set"]?["id"]?.string == project, "\(shown)")
            #expect(try await cloud.api.get("/v2.1/os-quota-sets/\(cloud.adminProjectID)", token: demo).status == 403)

            let refused = try await cloud.api.put("/v2.1/os-quota-sets/\(project)", token: demo, json: ["quota_set": ["instances": 30]])
            #expect(refused.status == 403 && refused.json["forbidden"] != nil, "\(refused)")
            for bad: JSON in [["quota_set": ["instances": -2]], ["quota_set": ["instances": "many"]], ["quota_set": ["wheels": 4]], ["instances": 3]] {
                let r = try await cloud.api.put("/v2.1/os-quota-sets/\(project)", token: admin, json: bad)
                #expect(r.status == 400 && r.json["badRequest"] != nil, "\(bad.text): \(r)")
            }
            let updated = try await cloud.api.put("/v2.1/os-quota-sets/\(project)", token: admin, json: ["quota_set": ["instances": 0, "cores": 40, "floating_ips": 5]])
            #expect(updated.status == 200 && updated.json["quota_set"]?["instances"]?.int == 0 && updated.json["quota_set"]?["cores"]?.int == 40, "\(updated)")
            #expect(updated.json["quota_set"]?["id"] == nil)
            let detail = try await cloud.api.get("/v2.1/os-quota-sets/\(project)/detail", token: demo)
            #expect(detail.json["quota_set"]?["cores"]?["limit"]?.int == 40 && detail.json["quota_set"]?["cores"]?["in_use"]?.int == 0, "\(detail)")
            let defaults = try await cloud.api.get("/v2.1/os-quota-sets/\(project)/defaults", token: demo)
            #expect(defaults.json["quota_set"]?["instances"]?.int == 10)

            // instances = 0: a create is refused before anything is made.
            _ = try await cloud.makeNetwork("q-net", cidr: "10.9.0.0/24", token: demo)
            let create = try await cloud.api.post("/v2.1/servers", token: demo, json: [
                "server": ["name": "q", "imageRef": .string(cloud.imageID), "flavorRef": "1"]])
            #expect(create.status == 403 && create.json["forbidden"]?["message"]?.string?.contains("instances") == true, "\(create)")
            #expect(try await cloud.api.get("/v2.1/servers", token: demo).json["servers"]?.array?.isEmpty == true)
            let limits = try await cloud.api.get("/v2.1/limits", token: demo)
            #expect(limits.json["limits"]?["absolute"]?["maxTotalInstances"]?.int == 0 && limits.json["limits"]?["absolute"]?["maxTotalCores"]?.int == 40)

            try await cloud.restartCompute()
            #expect(try await cloud.api.get("/v2.1/os-quota-sets/\(project)", token: demo).json["quota_set"]?["cores"]?.int == 40)
            #expect(try await cloud.api.delete("/v2.1/os-quota-sets/\(project)", token: demo).status == 403)
            #expect(try await cloud.api.delete("/v2.1/os-quota-sets/\(project)", token: admin).status == 202)
            #expect(try await cloud.api.get("/v2.1/os-quota-sets/\(project)", token: demo).json["quota_set"]?["instances"]?.int == 10)
        }
    }
}
