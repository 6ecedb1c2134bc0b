public import AsyncHTTPClient
import Foundation
import NIOCore
public import NIOHTTP1

/// JSON calls from one service to another with a service token (`X-Auth-Token`), retried once with a new
/// token after a 401. Answers are returned whatever their status: the caller decides what a 404 means.
public struct ServiceClient: Sendable {
    /// What a call answered.
    public struct Answer: Sendable {
        /// The HTTP status code.
        public var status: Int
        /// The parsed body, `.null` when empty or not JSON.
        public var body: JSON
        /// The response headers.
        public var headers: [(String, String)]

        /// Whether the status is 2xx.
        public var ok: Bool { (200..<300).contains(status) }

        /// The first header of that name (case-insensitive).
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// The token source.
    public let token: ServiceToken
    let http: HTTPClient

    /// A client sending `token`'s value.
    public init(token: ServiceToken, client: HTTPClient = .shared) {
        self.token = token
        self.http = client
    }

    /// Sends `method url` with an optional JSON body and extra headers; a transport error or timeout throws.
    public func call(_ method: HTTPMethod, _ url: String, body: JSON? = nil, headers: [(String, String)] = [],
                     timeout: TimeAmount = .seconds(30)) async throws -> Answer {
        for attempt in 0..<2 {
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers.add(name: "X-Auth-Token", value: try await token.value())
            request.headers.add(name: "Accept", value: "application/json")
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body.bytes))
            }
            let response = try await http.execute(request, timeout: timeout)
            let bytes = try await response.body.collect(upTo: 64 << 20)
            if response.status.code == 401 && attempt == 0 {
                await token.invalidate()
                continue
            }
            let json = bytes.readableBytes == 0 ? JSON.null : ((try? JSONParser.parse(Array(bytes.readableBytesView))) ?? .null)
            return Answer(status: Int(response.status.code), body: json, headers: response.headers.map { ($0.name, $0.value) })
        }
        throw APIError(status: 503, message: "\(url) refused a new service token.")
    }
}
