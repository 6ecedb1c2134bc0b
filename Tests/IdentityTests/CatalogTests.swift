import Foundation
import Identity
import OpenStackAPI
import OpenStackAPITesting
import Testing

@Suite struct CatalogTests {
    @Test func authCatalogListsBootstrapServices() async throws {
        try await IdentityTestServer.with { server in
            let r = try await server.client.get("/v3/auth/catalog", token: try await server.demoToken())
            #expect(r.status == 200)
            let identity = try #require(r.json["catalog"]?.array?.first { $0["type"] == "identity" })
            let interfaces = Set(identity["endpoints"]?.array?.compactMap { $0["interface"]?.string } ?? [])
            #expect(interfaces == ["public", "internal", "admin"])
            #expect(identity["endpoints"]?.array?.first?["url"]?.string == "http://127.0.0.1:\(server.port)/v3/")
        }
    }

    @Test func servicesAndEndpointsCRUDShowsInTokens() async throws {
        try await IdentityTestServer.with { server in
            let admin = try await server.adminToken()
            let s = try await server.client.post("/v3/services", token: admin, json: ["service": ["type": "metric", "name": "gnocchi"]])
            #expect(s.status == 201)
            let serviceID = try #require(s.json["service"]?["id"]?.string)
            let e = try await server.client.post("/v3/endpoints", token: admin, json: ["endpoint": [
                "service_id": .string(serviceID), "interface": "public", "region_id": "RegionOne", "url": "http://127.0.0.1:8041"]])
            #expect(e.status == 201)
            let bad = try await server.client.post("/v3/endpoints", token: admin, json: ["endpoint": [
                "service_id": .string(serviceID), "interface": "sideways", "url": "http://x"]])
            #expect(bad.status == 400)
            let catalog = try await server.client.get("/v3/auth/catalog", token: admin)
            #expect(catalog.json["catalog"]?.array?.contains { $0["type"] == "metric" } == true)
            #expect(try await server.client.delete("/v3/services/\(serviceID)", token: admin).status == 204)
            let after = try await server.client.get("/v3/auth/catalog", token: admin)
            #expect(after.json["catalog"]?.array?.contains { $0["type"] == "metric" } == false)
            let regions = try await server.client.get("/v3/regions", token: admin)
            #expect(regions.json["regions"]?.array?.first?["id"] == "RegionOne")
        }
    }

    @Test func listsFilterSortAndPage() async throws {
        try await IdentityTestServer.with { server in
            let admin = try await server.adminToken()
            for n in ["c", "a", "b"] { _ = try await server.client.post("/v3/projects", token: admin, json: ["project": ["name": .string("pg-\(n)")]]) }
            let page = try await server.client.get("/v3/projects?sort_key=name&sort_dir=desc&limit=2", token: admin)
            #expect(page.json["projects"]?.array?.compactMap { $0["name"]?.string } == ["pg-c", "pg-b"])
            #expect(page.json["links"]?["next"]?.string != nil)
            let filtered = try await server.client.get("/v3/projects?name=pg-a&fields=name", token: admin)
            #expect(filtered.json["projects"]?.array?.count == 1)
            #expect(filtered.json["projects"]?.array?.first?["enabled"] == nil)
            #expect(try await server.client.get("/v3/projects?limit=-1", token: admin).status == 400)
        }
    }

    @Test func catalogFollowsTheConfiguredServicesAcrossRestarts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("identity-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        @Sendable func catalog(_ server: IdentityTestServer) async throws -> [String: [String]] {
            let r = try await server.client.get("/v3/auth/catalog", token: try await server.adminToken())
            var out: [String: [String]] = [:]
            for entry in r.json["catalog"]?.array ?? [] {
                out[entry["type"]?.string ?? "", default: []] += (entry["endpoints"]?.array ?? []).compactMap { $0["url"]?.string }
            }
            return out
        }
        let first = try await IdentityTestServer.with(services: [], stateDirectory: directory) { try await catalog($0) }
        #expect(Set(first.keys) == ["identity"])
        // A later start with a network service and the identity port moved: added and corrected, nothing doubled.
        let network = CatalogService(type: "network", name: "neutron", port: 19696)
        let second = try await IdentityTestServer.with(services: [network], stateDirectory: directory) { server in
            (try await catalog(server), server.port)
        }
        #expect(Set(second.0.keys) == ["identity", "network"])
        #expect(second.0["network"]?.count == 3)
        #expect(second.0["network"]?.contains("http://127.0.0.1:19696") == true)
        #expect(second.0["identity"]?.count == 3)
        #expect(second.0["identity"]?.contains("http://127.0.0.1:\(second.1)/v3/") == true)
    }
}
