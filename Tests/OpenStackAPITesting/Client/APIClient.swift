public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
public import OpenStackAPI

/// A small HTTP client so every API test reads the same: `try await client.get("/v3/projects", token: t)`.
/// It points at a base URL: a service run in-process by this module, a process, or a live cloud.
public struct APIClient: Sendable {
    /// `http://host:port`, without a trailing slash.
    public let baseURL: String
    /// The connection pool (shared by default).
    public let http: HTTPClient
    /// Per-request timeout.
    public var timeout: TimeAmount

    /// A client for `baseURL` (`http://127.0.0.1:5000`); a trailing slash is dropped.
    public init(baseURL: String, http: HTTPClient = .shared, timeout: TimeAmount = .seconds(30)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.http = http
        self.timeout = timeout
    }

    /// Sends one request: `json` (or the raw `body` bytes) as the body with `Content-Type: application/json`
    /// unless `headers` name another; `token` as `X-Auth-Token`. `method` is any verb, even an unknown one.
    public func send(_ method: String, _ path: String, token: String? = nil, json: JSON? = nil, body: [UInt8]? = nil,
                     headers: [(String, String)] = []) async throws -> APIResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        if let token { request.headers.add(name: "X-Auth-Token", value: token) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let bytes = body ?? json.map(\.bytes) {
            if !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
                request.headers.add(name: "Content-Type", value: "application/json")
            }
            request.body = .bytes(ByteBuffer(bytes: bytes))
        }
        let response = try await http.execute(request, timeout: timeout)
        let collected = try await response.body.collect(upTo: 64 << 20)
        return APIResponse(status: Int(response.status.code), headers: response.headers, bytes: Array(collected.readableBytesView))
    }

    /// `GET path`.
    public func get(_ path: String, token: String? = nil, headers: [(String, String)] = []) async throws -> APIResponse {
        try await send("GET", path, token: token, headers: headers)
    }

    /// `HEAD path`.
    public func head(_ path: String, token: String? = nil, headers: [(String, String)] = []) async throws -> APIResponse {
        try await send("HEAD", path, token: token, headers: headers)
    }

    /// `POST path` with a JSON body.
    public func post(_ path: String, token: String? = nil, json: JSON? = nil, headers: [(String, String)] = []) async throws -> APIResponse {
        try await send("POST", path, token: token, json: json, headers: headers)
    }

    /// `PUT path`, with a JSON body when given.
    public func put(_ path: String, token: String? = nil, json: JSON? = nil, headers: [(String, String)] = []) async throws -> APIResponse {
        try await send("PUT", path, token: token, json: json, headers: headers)
    }

    /// `PATCH path` with a JSON body.
    public func patch(_ path: String, token: String? = nil, json: JSON? = nil, headers: [(String, String)] = []) async throws -> APIResponse {
        try await send("PATCH", path, token: token, json: json, headers: headers)
    }

    /// `DELETE path`.
    public func delete(_ path: String, token: String? = nil, headers: [(String, String)] = []) async throws -> APIResponse {
        try await send("DELETE", path, token: token, headers: headers)
    }
}
