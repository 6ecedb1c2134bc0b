import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// Version documents and microversion negotiation, over HTTP against the real service.
@Suite("Compute versions", .serialized)
struct ComputeVersionTests {
    @Test("GET / is 200 listing v2.0 then v2.1, each self link answers its own document; /v2.1 names min and max; every answer carries the version headers, Vary and request ids")
    func versionsAndHeaders() async throws {
        try await withComputeCloud { cloud in
            let root = try await cloud.api.get("/")
            #expect(root.status == 200)
            let versions = root.json["versions"]?.array ?? []
            #expect(versions.compactMap { $0["id"]?.string } == ["v2.0", "v2.1"], "\(root)")
            for version in versions {
                let link = try #require(version["links"]?.array?.first { $0["rel"]?.string == "self" }?["href"]?.string)
                let path = try #require(URL(string: link)?.path)
                let one = try await cloud.api.get(path.hasSuffix("/") ? path : path + "/")
                #expect(one.status == 200 && one.json["version"]?["id"] == version["id"], "\(path): \(one)")
                #expect(one.json["version"]?["links"]?.array?.first?["href"]?.string == link)
            }
            let doc = try await cloud.api.get("/v2.1")
            #expect(doc.status == 200)
            #expect(doc.json["version"]?["min_version"]?.string == "2.1")
            #expect(doc.json["version"]?["version"]?.string == "2.1")
            for r in [root, doc, try await cloud.api.get("/v2.1/servers/nope", token: cloud.demoToken), try await cloud.api.get("/v2.1/flavors")] {
                #expect(r.header("OpenStack-API-Version") == "compute 2.1", "\(r)")
                #expect(r.header("X-OpenStack-Nova-API-Version") == "2.1")
                #expect(r.header("Vary") == "OpenStack-API-Version, X-OpenStack-Nova-API-Version")
                let id = try #require(r.header("x-openstack-request-id"))
                #expect(id.hasPrefix("req-") && id.count == 40)
                #expect(r.header("x-compute-request-id") == id)
        }
        let missing = try await cloud.api.get("/v2.1/servers/nope", token: cloud.demoToken)
        #expect(missing.status == 404 && missing.json["itemNotFound"]?["code"]?.int == 404, "\(missing)")
        #expect(try await cloud.api.get("/v2.1/flavors").status == 401)
        }
    }

    @Test("latest is the max; out of range is 406, malformed is 400, both in Nova's error shape; the legacy header counts")
    func negotiation() async throws {
        try await withComputeCloud { cloud in
            let token = cloud.demoToken
            let latest = try await cloud.api.get("/v2.1/flavors", token: token, headers: [("OpenStack-API-Version", "compute latest")])
            #expect(latest.status == 200 && latest.header("OpenStack-API-Version") == "compute 2.1")
            let high = try await cloud.api.get("/v2.1/flavors", token: token, headers: [("OpenStack-API-Version", "compute 2.99")])
            #expect(high.status == 406 && high.json["computeFault"]?["code"]?.int == 406, "\(high)")
            #expect(high.header("Vary") == "OpenStack-API-Version, X-OpenStack-Nova-API-Version")
            let low = try await cloud.api.get("/v2.1/flavors", token: token, headers: [("X-OpenStack-Nova-API-Version", "2.0")])
            #expect(low.status == 406, "\(low)")
            for bad in ["compute 2", "compute two.one", "compute 2.1.3", "compute 2.-1"] {
                let r = try await cloud.api.get("/v2.1/flavors", token: token, headers: [("OpenStack-API-Version", bad)])
                #expect(r.status == 400 && r.json["badRequest"]?["message"]?.string != nil, "\(bad): \(r)")
                #expect(r.header("x-compute-request-id") != nil)
        }
        let legacy = try await cloud.api.get("/v2.1/flavors", token: token, headers: [("X-OpenStack-Nova-API-Version", "2.1")])
        #expect(legacy.status == 200)
        let otherService = try await cloud.api.get("/v2.1/flavors", token: token, headers: [("OpenStack-API-Version", "volume 3.0")])
        #expect(otherService.status == 200 && otherService.header("OpenStack-API-Version") == "compute 2.1")
        }
    }
}
