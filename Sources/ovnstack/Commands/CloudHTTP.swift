import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The CLI's one HTTP client for the cluster's loopback APIs: AsyncHTTPClient's shared client,
/// the same stack the services use between themselves.
enum CloudHTTP {
    /// A whole answer: status, headers and body.
    struct Response {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]
    }

    /// Sends one request and reads the whole answer (at most 16 MiB).
    static func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil, timeout: TimeAmount = .seconds(10)
    ) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Response(status: Int(response.status.code), headers: response.headers, body: Array(buffer: bytes))
    }
}
