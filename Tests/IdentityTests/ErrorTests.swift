import OpenStackAPI
import OpenStackAPITesting
import Testing

@Suite struct ErrorTests {
    @Test func wrongPasswordAndUnknownUserLookTheSame() async throws {
        try await IdentityTestServer.with { server in
            let wrong = try await server.client.passwordAuth(user: "admin", password: "wrong")
            let unknown = try await server.client.passwordAuth(user: "nobody", password: "wrong")
            let badProject = try await server.client.passwordAuth(user: "admin", password: server.credentials.adminPassword,
                                                                  scope: server.client.projectScope("no-such-project"))
            for r in [wrong, unknown, badProject] {
                #expect(r.status == 401)
                #expect(r.json == ["error": ["code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"]])
            }
        }
    }

    @Test func userWithoutRoleOnProjectCannotScopeToIt() async throws {
        try await IdentityTestServer.with { server in
            let r = try await server.client.passwordAuth(user: "demo", password: server.credentials.demoPassword, scope: server.client.projectScope("admin"))
            #expect(r.status == 401)
        }
    }

    @Test func malformedJSONIs400() async throws {
        try await IdentityTestServer.with { server in
            let admin = try await server.adminToken()
            for (path, token) in [("/v3/auth/tokens", nil), ("/v3/projects", admin)] {
                for body in ["{not json", "", "[1,2]", "{\"a\": 1} trailing"] {
                    let r = try await server.client.send("POST", path, token: token, body: Array(body.utf8))
                    #expect(r.status == 400, "\(path) \(body)")
                    #expect(r.json["error"]?["message"]?.string?.hasPrefix("Expecting to find valid JSON in request body.") == true)
                }
            }
        }
    }

    @Test func schemaInvalidBodiesAre400() async throws {
        try await IdentityTestServer.with { server in
            let admin = try await server.adminToken()
            let bad = try await server.client.post("/v3/projects", token: admin, json: ["project": ["name": 42]])
            #expect(bad.status == 400)
            #expect(bad.json["error"]?["message"] == "Invalid input for field 'name': 42 is not of type 'string'")
            let cases: [(String, JSON)] = [
                ("/v3/projects", ["project": "x"]), ("/v3/projects", ["project": [:]]), ("/v3/projects", ["nothing": 1]),
                ("/v3/projects", ["project": ["name": "ok", "enabled": "yes"]]),
                ("/v3/users", ["user": ["name": ["x"]]]), ("/v3/roles", ["role": ["name": ""]]),
                ("/v3/auth/tokens", ["auth": ["identity": ["methods": "password"]]]),
                ("/v3/auth/tokens", ["auth": ["identity": ["methods": ["password"], "password": ["user": ["name": "admin", "domain": ["name": "Default"], "password": 1]]]]]),
            ]
            for (path, body) in cases {
                let r = try await server.client.post(path, token: path.hasSuffix("tokens") ? nil : admin, json: body)
                #expect(r.status == 400, "\(path) \(body.text) -> \(r.status) \(r.text)")
                #expect(r.json["error"]?["code"] == 400)
            }
        }
    }

    @Test func unknownIdsAre404() async throws {
        try await IdentityTestServer.with { server in
            let admin = try await server.adminToken()
            for kind in ["projects", "users", "roles", "domains", "services", "endpoints", "regions"] {
                let r = try await server.client.get("/v3/\(kind)/00000000000000000000000000000000", token: admin)
                #expect(r.status == 404, "\(kind)")
                #expect(r.json["error"]?["message"]?.string?.hasSuffix(": 00000000000000000000000000000000.") == true)
            }
            let project = try await server.client.get("/v3/projects/00000000000000000000000000000000", token: admin)
            #expect(project.json["error"]?["message"] == "Could not find project: 00000000000000000000000000000000.")
            #expect(try await server.client.delete("/v3/users/nope", token: admin).status == 404)
        }
    }

    @Test func duplicateNamesAre409() async throws {
        try await IdentityTestServer.with { server in
            let admin = try await server.adminToken()
            #expect(try await server.client.post("/v3/projects", token: admin, json: ["project": ["name": "dup"]]).status == 201)
            let p = try await server.client.post("/v3/projects", token: admin, json: ["project": ["name": "dup"]])
            #expect(p.status == 409)
            #expect(p.json["error"]?["title"] == "Conflict")
            #expect(try await server.client.post("/v3/users", token: admin, json: ["user": ["name": "dupu"]]).status == 201)
            let u = try await server.client.post("/v3/users", token: admin, json: ["user": ["name": "dupu"]])
            #expect(u.status == 409)
            #expect(u.json["error"]?["message"] == "Conflict occurred attempting to store user - Duplicate entry found with name dupu at domain ID default.")
            #expect(try await server.client.post("/v3/roles", token: admin, json: ["role": ["name": "member"]]).status == 409)
            #expect(try await server.client.post("/v3/domains", token: admin, json: ["domain": ["name": "Default"]]).status == 409)
        }
    }
}
