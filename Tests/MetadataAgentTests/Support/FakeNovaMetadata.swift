import Foundation
import Hummingbird
import NIOCore
import OpenStackAPI
import OpenStackAPITesting

/// A stand-in for nova-metadata on 127.0.0.1: it answers every GET and POST with a small JSON document naming the
/// path, and records each request's method, path, query, headers and body for the test to check.
actor FakeNovaMetadata {
    /// One request as received.
    struct Received: Sendable {
        var method: String
        var path: String
        var query: String
        var headers: [String: String]
        var body: String
    }

    private(set) var received: [Received] = []
    /// The status answered (a test may make the service fail).
    var status: HTTPResponse.Status = .ok

    func record(_ r: Received) { received.append(r) }
    func answer(_ s: HTTPResponse.Status) { status = s }

    /// Runs `body` with the service's base URL.
    static func with<T: Sendable>(_ body: @Sendable (String, FakeNovaMetadata) async throws -> T) async throws -> T {
        let fake = FakeNovaMetadata()
        let router = Router(context: APIRequestContext.self)
        let handler: @Sendable (Request, APIRequestContext) async throws -> Response = { request, _ in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let bytes = try await request.body.collect(upTo: 1 << 20)
            await fake.record(Received(method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                                       headers: headers, body: String(buffer: bytes)))
            let document = "{\"served\": \"\(request.uri.path)\"}"
            return Response(status: await fake.status, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: document)))
        }
        router.get("**", use: handler)
        router.post("**", use: handler)
        return try await RouterTestServer.with(router) { client in try await body(client.baseURL, fake) }
    }
}
