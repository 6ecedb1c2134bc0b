import Foundation
public import OpenStackAPI

extension APIClient {
    /// `POST /v3/auth/tokens` with a password for user `user` of domain `domain` (by name), optionally scoped.
    public func passwordAuth(user: String, password: String, domain: String = "Default", scope: JSON? = nil) async throws -> APIResponse {
        var auth: JSONObject = ["identity": ["methods": ["password"], "password": ["user": [
            "name": .string(user), "domain": ["name": .string(domain)], "password": .string(password)]]]]
        if let scope { auth["scope"] = scope }
        return try await post("/v3/auth/tokens", json: ["auth": .object(auth)])
    }

    /// A token for `user` scoped to project `project` (by name in `domain`); throws when refused.
    public func token(user: String, password: String, project: String, domain: String = "Default") async throws -> String {
        try await scopedToken(user: user, password: password, project: project, domain: domain).token
    }

    /// A project-scoped token and the token body (`token.project.id`, `token.catalog`, …); throws when refused.
    public func scopedToken(user: String, password: String, project: String, domain: String = "Default") async throws -> (token: String, body: JSON) {
        let r = try await passwordAuth(user: user, password: password, domain: domain, scope: projectScope(project, domain: domain))
        guard r.status == 201, let t = r.header("X-Subject-Token") else { throw TestFailure("token for \(user): \(r)") }
        return (t, r.json["token"] ?? .null)
    }

    /// `{"project": {"name": …, "domain": {"name": …}}}`.
    public func projectScope(_ name: String, domain: String = "Default") -> JSON {
        ["project": ["name": .string(name), "domain": ["name": .string(domain)]]]
    }
}
