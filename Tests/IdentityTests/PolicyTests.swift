import OpenStackAPI
import OpenStackAPITesting
import Testing

@Suite struct PolicyTests {
    @Test func memberCannotAdminister() async throws {
        try await IdentityTestServer.with { server in
            let demo = try await server.demoToken()
            let create = try await server.client.post("/v3/projects", token: demo, json: ["project": ["name": "x"]])
            #expect(create.status == 403)
            #expect(create.json["error"]?["message"] == "You are not authorized to perform the requested action: identity:create_project.")
            let users = try await server.client.get("/v3/users", token: demo)
            #expect(users.status == 403)
            #expect(users.json["error"]?["message"] == "You are not authorized to perform the requested action: identity:list_users.")
            #expect(try await server.client.get("/v3/projects", token: demo).status == 403)
            #expect(try await server.client.post("/v3/users", token: demo, json: ["user": ["name": "x"]]).status == 403)
        }
    }

    @Test func projectIsolation() async throws {
        try await IdentityTestServer.with { server in
            let admin = try await server.adminToken()
            let demo = try await server.demoToken()
            let adminProject = try await server.id(of: "admin", in: "projects", token: admin)
            let demoProject = try await server.id(of: "demo", in: "projects", token: admin)
            #expect(try await server.client.get("/v3/projects/\(demoProject)", token: demo).status == 200)
            let other = try await server.client.get("/v3/projects/\(adminProject)", token: demo)
            #expect(other.status == 403)
            let mine = try await server.client.get("/v3/auth/projects", token: demo)
            #expect(mine.json["projects"]?.array?.compactMap { $0["name"]?.string } == ["demo"])
            let adminUser = try await server.id(of: "admin", in: "users", token: admin)
            #expect(try await server.client.get("/v3/users/\(adminUser)", token: demo).status == 403)
        }
    }

    @Test func grantsGiveAccessAndRevocationTakesItAway() async throws {
        try await IdentityTestServer.with { server in
            let admin = try await server.adminToken()
            let project = try await server.client.post("/v3/projects", token: admin, json: ["project": ["name": "p1", "description": "test"]])
            let projectID = try #require(project.json["project"]?["id"]?.string)
            let user = try await server.client.post("/v3/users", token: admin, json: ["user": ["name": "u1", "password": "pw-u1", "email": "u1@example.org"]])
            #expect(user.status == 201)
            #expect(user.json["user"]?["email"] == "u1@example.org")
            #expect(user.json["user"]?["password"] == nil)
            let userID = try #require(user.json["user"]?["id"]?.string)
            let member = try await server.id(of: "member", in: "roles", token: admin)
            let grant = "/v3/projects/\(projectID)/users/\(userID)/roles/\(member)"
            #expect(try await server.client.passwordAuth(user: "u1", password: "pw-u1", scope: server.client.projectScope("p1")).status == 401)
            #expect(try await server.client.send("HEAD", grant, token: admin).status == 404)
            #expect(try await server.client.put(grant, token: admin).status == 204)
            #expect(try await server.client.send("HEAD", grant, token: admin).status == 204)
            let token = try await server.client.token(user: "u1", password: "pw-u1", project: "p1")
            let list = try await server.client.get("/v3/role_assignments?user.id=\(userID)&include_names", token: admin)
            let a = try #require(list.json["role_assignments"]?.array?.first)
            #expect(a["role"]?["name"] == "member")
            #expect(a["scope"]?["project"]?["name"] == "p1")
            let effective = try await server.client.get("/v3/role_assignments?user.id=\(userID)&effective", token: admin)
            #expect(effective.json["role_assignments"]?.array?.count == 2)
            #expect(try await server.client.delete(grant, token: admin).status == 204)
            #expect(try await server.client.get("/v3/projects/\(projectID)", token: token).status == 401)
            #expect(try await server.client.delete("/v3/users/\(userID)", token: admin).status == 204)
            #expect(try await server.client.delete("/v3/projects/\(projectID)", token: admin).status == 204)
            #expect(try await server.client.get("/v3/projects/\(projectID)", token: admin).status == 404)
        }
    }
}
