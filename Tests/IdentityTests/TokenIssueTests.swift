import OpenStackAPI
import OpenStackAPITesting
import Testing

@Suite struct TokenIssueTests {
    @Test func passwordByNameScopedToProjectByName() async throws {
        try await IdentityTestServer.with { server in
            let r = try await server.client.passwordAuth(user: "admin", password: server.credentials.adminPassword,
                                                         scope: server.client.projectScope("admin"))
            #expect(r.status == 201)
            #expect((r.header("X-Subject-Token")?.count ?? 0) >= 43)
            let token = try #require(r.json["token"])
            #expect(token["methods"] == ["password"])
            #expect(token["user"]?["name"] == "admin")
            #expect(token["user"]?["domain"]?["id"] == "default")
            #expect(token["project"]?["name"] == "admin")
            #expect(token["is_domain"] == false)
            #expect(Set(token["roles"]?.array?.compactMap { $0["name"]?.string } ?? []) == ["admin", "manager", "member", "reader"])
            let types = Set(token["catalog"]?.array?.compactMap { $0["type"]?.string } ?? [])
            #expect(types == ["identity", "network", "compute", "image"])
            #expect(token["expires_at"]?.string?.hasSuffix(".000000Z") == true)
        }
    }

    @Test func passwordByUserIDScopedToProjectByID() async throws {
        try await IdentityTestServer.with { server in
            let admin = try await server.adminToken()
            let userID = try await server.id(of: "demo", in: "users", token: admin)
            let projectID = try await server.id(of: "demo", in: "projects", token: admin)
            let r = try await server.client.post("/v3/auth/tokens", json: ["auth": [
                "identity": ["methods": ["password"], "password": ["user": ["id": .string(userID), "password": .string(server.credentials.demoPassword)]]],
                "scope": ["project": ["id": .string(projectID)]]]])
            #expect(r.status == 201)
            #expect(r.json["token"]?["project"]?["id"]?.string == projectID)
            #expect(Set(r.json["token"]?["roles"]?.array?.compactMap { $0["name"]?.string } ?? []) == ["member", "reader"])
        }
    }

    @Test func unscopedTokenHasNoRolesNorCatalog() async throws {
        try await IdentityTestServer.with { server in
            let r = try await server.client.passwordAuth(user: "demo", password: server.credentials.demoPassword)
            #expect(r.status == 201)
            let token = try #require(r.json["token"]?.object)
            #expect(token["roles"] == nil)
            #expect(token["catalog"] == nil)
            #expect(token["project"] == nil)
        }
    }

    @Test func systemScope() async throws {
        try await IdentityTestServer.with { server in
            let r = try await server.client.passwordAuth(user: "admin", password: server.credentials.adminPassword, scope: ["system": ["all": true]])
            #expect(r.status == 201)
            #expect(r.json["token"]?["system"]?["all"] == true)
            #expect(r.json["token"]?["roles"]?.array?.isEmpty == false)
            // demo holds no system role
            let demo = try await server.client.passwordAuth(user: "demo", password: server.credentials.demoPassword, scope: ["system": ["all": true]])
            #expect(demo.status == 401)
        }
    }

    @Test func domainScopeNeedsADomainRole() async throws {
        try await IdentityTestServer.with { server in
            let scope: JSON = ["domain": ["name": "Default"]]
            let before = try await server.client.passwordAuth(user: "admin", password: server.credentials.adminPassword, scope: scope)
            #expect(before.status == 401)
            let admin = try await server.adminToken()
            let userID = try await server.id(of: "admin", in: "users", token: admin)
            let roleID = try await server.id(of: "admin", in: "roles", token: admin)
            #expect(try await server.client.put("/v3/domains/default/users/\(userID)/roles/\(roleID)", token: admin).status == 204)
            let after = try await server.client.passwordAuth(user: "admin", password: server.credentials.adminPassword, scope: scope)
            #expect(after.status == 201)
            #expect(after.json["token"]?["domain"]?["id"] == "default")
        }
    }

    @Test func tokenMethodRescopesAndInheritsExpiry() async throws {
        try await IdentityTestServer.with { server in
            let unscoped = try await server.client.passwordAuth(user: "demo", password: server.credentials.demoPassword)
            let parent = try #require(unscoped.header("X-Subject-Token"))
            let r = try await server.client.post("/v3/auth/tokens", json: ["auth": [
                "identity": ["methods": ["token"], "token": ["id": .string(parent)]],
                "scope": server.client.projectScope("demo")]])
            #expect(r.status == 201)
            #expect(r.json["token"]?["methods"] == ["token", "password"])
            #expect(r.json["token"]?["expires_at"] == unscoped.json["token"]?["expires_at"])
            let audits = r.json["token"]?["audit_ids"]?.array ?? []
            #expect(audits.count == 2)
            #expect(audits.last == unscoped.json["token"]?["audit_ids"]?.array?.first)
            #expect(r.header("X-Subject-Token") != parent)
        }
    }

    @Test func nocatalogOmitsTheCatalog() async throws {
        try await IdentityTestServer.with { server in
            let r = try await server.client.send("POST", "/v3/auth/tokens?nocatalog", json: ["auth": [
                "identity": ["methods": ["password"], "password": ["user": ["name": "demo", "domain": ["id": "default"], "password": .string(server.credentials.demoPassword)]]],
                "scope": server.client.projectScope("demo")]])
            #expect(r.status == 201)
            #expect(r.json["token"]?["catalog"] == nil)
            #expect(r.json["token"]?["roles"] != nil)
        }
    }
}
