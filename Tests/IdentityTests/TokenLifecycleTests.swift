import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

@Suite struct TokenLifecycleTests {
    @Test func validateCheckRevoke() async throws {
        try await IdentityTestServer.with { server in
            let admin = try await server.adminToken()
            let demo = try await server.demoToken()
            let subject = [("X-Subject-Token", demo)]
            let get = try await server.client.send("GET", "/v3/auth/tokens", token: admin, headers: subject)
            #expect(get.status == 200)
            #expect(get.header("X-Subject-Token") == demo)
            #expect(get.json["token"]?["user"]?["name"] == "demo")
            let head = try await server.client.send("HEAD", "/v3/auth/tokens", token: admin, headers: subject)
            #expect(head.status == 200)
            #expect(head.text.isEmpty)
            #expect(head.header("Content-Length") == String(get.text.utf8.count))
            #expect(try await server.client.send("DELETE", "/v3/auth/tokens", token: admin, headers: subject).status == 204)
            let after = try await server.client.send("GET", "/v3/auth/tokens", token: admin, headers: subject)
            #expect(after.status == 404)
            #expect(after.json["error"]?["message"] == "Failed to validate token")
            // a revoked token no longer authenticates
            #expect(try await server.client.get("/v3/auth/projects", token: demo).status == 401)
        }
    }

    @Test func garbageSubjectIs404() async throws {
        try await IdentityTestServer.with { server in
            let r = try await server.client.send("GET", "/v3/auth/tokens", token: try await server.adminToken(), headers: [("X-Subject-Token", "garbage")])
            #expect(r.status == 404)
        }
    }

    @Test func missingOrBadAuthTokenIs401WithChallenge() async throws {
        try await IdentityTestServer.with { server in
            for token in [nil, "not-a-token"] {
                let r = try await server.client.get("/v3/projects", token: token)
                #expect(r.status == 401)
                #expect(r.json["error"]?["title"] == "Unauthorized")
                #expect(r.header("WWW-Authenticate") == "Keystone uri=\"http://127.0.0.1:\(server.port)/v3\"")
            }
        }
    }

    @Test func tokensExpire() async throws {
        // Long enough that the first use is inside it even on a loaded CI machine.
        try await IdentityTestServer.with(tokenLifetime: 8) { server in
            let admin = try await server.adminToken()
            let issued = ContinuousClock.now  // not earlier than the server's issue time
            #expect(try await server.client.get("/v3/projects", token: admin).status == 200)
            try await Task.sleep(until: issued + .milliseconds(8300))
            #expect(try await server.client.get("/v3/projects", token: admin).status == 401)
        }
    }

    @Test func passwordChangeRevokesTokensAndNewPasswordWorks() async throws {
        try await IdentityTestServer.with { server in
            let demo = try await server.demoToken()
            let admin = try await server.adminToken()
            let demoID = try await server.id(of: "demo", in: "users", token: admin)
            let wrong = try await server.client.post("/v3/users/\(demoID)/password", json: ["user": [
                "original_password": "not-it", "password": "n3w-passw0rd"]])
            #expect(wrong.status == 401)
            // Like Keystone, the original password (not a token) authorizes the change.
            let change = try await server.client.post("/v3/users/\(demoID)/password", json: ["user": [
                "original_password": .string(server.credentials.demoPassword), "password": "n3w-passw0rd"]])
            #expect(change.status == 204)
            #expect(try await server.client.get("/v3/auth/projects", token: demo).status == 401)
            #expect(try await server.client.passwordAuth(user: "demo", password: server.credentials.demoPassword).status == 401)
            #expect(try await server.client.passwordAuth(user: "demo", password: "n3w-passw0rd").status == 201)
        }
    }
}
