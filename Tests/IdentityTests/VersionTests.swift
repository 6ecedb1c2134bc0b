import OpenStackAPI
import OpenStackAPITesting
import Testing

@Suite struct VersionTests {
    @Test func rootAnswersMultipleChoicesWithV3() async throws {
        try await IdentityTestServer.with { server in
            let r = try await server.client.get("/")
            #expect(r.status == 300)
            #expect(r.header("Location") == "http://127.0.0.1:\(server.port)/v3/")
            let v = r.json["versions"]?["values"]?.array?.first
            #expect(v?["id"] == "v3.14")
            #expect(v?["media-types"]?.array?.first?["type"] == "application/vnd.openstack.identity-v3+json")
            #expect(r.header("x-openstack-request-id")?.hasPrefix("req-") == true)
            #expect(r.header("Vary") == "X-Auth-Token")
        }
    }

    @Test func v3DocumentLinksToItself() async throws {
        try await IdentityTestServer.with { server in
            let r = try await server.client.get("/v3")
            #expect(r.status == 200)
            #expect(r.json["version"]?["status"] == "stable")
            #expect(r.json["version"]?["links"]?.array?.first?["href"]?.string == "http://127.0.0.1:\(server.port)/v3/")
        }
    }

    @Test func unknownPathIs404InKeystoneShape() async throws {
        try await IdentityTestServer.with { server in
            let r = try await server.client.get("/v3/nothing-here", token: try await server.adminToken())
            #expect(r.status == 404)
            #expect(r.json["error"]?["code"] == 404)
            #expect(r.json["error"]?["title"] == "Not Found")
        }
    }
}
