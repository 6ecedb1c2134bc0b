import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OpenStackAPI

/// One answer of the service under test.
struct APIResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var text: String

    /// The body parsed as JSON (`.null` when empty or not JSON).
    var json: JSON { (try? JSONParser.parse(Array(text.utf8))) ?? .null }
    /// A response header.
    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// A tiny HTTP client so every API test reads the same: `try await client.get("/v3/projects", token: t)`.
struct APIClient: Sendable {
    let baseURL: String
    let http: HTTPClient

    func send(_ method: HTTPMethod, _ path: String, token: String? = nil, headers: [(String, String)] = [],
              json: JSON? = nil, raw: String? = nil) async throws -> APIResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let token { request.headers.add(name: "X-Auth-Token", value: token) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body = raw ?? json.map(\.text) {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 8 << 20)
        return APIResponse(status: Int(response.status.code), headers: response.headers, text: String(buffer: body))
    }

    func get(_ path: String, token: String? = nil) async throws -> APIResponse { try await send(.GET, path, token: token) }
    func post(_ path: String, token: String? = nil, json: JSON) async throws -> APIResponse { try await send(.POST, path, token: token, json: json) }
    func patch(_ path: String, token: String? = nil, json: JSON) async throws -> APIResponse { try await send(.PATCH, path, token: token, json: json) }
    func put(_ path: String, token: String? = nil) async throws -> APIResponse { try await send(.PUT, path, token: token) }
    func delete(_ path: String, token: String? = nil) async throws -> APIResponse { try await send(.DELETE, path, token: token) }

    /// `POST /v3/auth/tokens` with a password for a user named in the Default domain.
    func passwordAuth(user: String, password: String, scope: JSON? = nil) async throws -> APIResponse {
        var auth: JSONObject = ["identity": ["methods": ["password"], "password": ["user": [
            "name": .string(user), "domain": ["name": "Default"], "password": .string(password)]]]]
        if let scope { auth["scope"] = scope }
        return try await post("/v3/auth/tokens", json: ["auth": .object(auth)])
    }

    /// A token value for `user` scoped to project `project` (by name in Default); fails the test when refused.
    func token(user: String, password: String, project: String) async throws -> String {
        let r = try await passwordAuth(user: user, password: password, scope: projectScope(project))
        guard r.status == 201, let t = r.header("X-Subject-Token") else { throw TestFailure("token for \(user): \(r.status) \(r.text)") }
        return t
    }

    func projectScope(_ name: String) -> JSON { ["project": ["name": .string(name), "domain": ["name": "Default"]]] }
}

/// A failure inside test support.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
