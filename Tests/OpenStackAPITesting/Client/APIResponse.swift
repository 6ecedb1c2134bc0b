import Foundation
public import NIOHTTP1
public import OpenStackAPI

/// One answer of a service under test: status, headers, the raw body and the body parsed as JSON.
public struct APIResponse: Sendable, CustomStringConvertible {
    /// HTTP status code.
    public var status: Int
    /// Response headers.
    public var headers: HTTPHeaders
    /// The body bytes as received.
    public var bytes: [UInt8]

    /// An answer from its parts.
    public init(status: Int, headers: HTTPHeaders, bytes: [UInt8]) {
        self.status = status
        self.headers = headers
        self.bytes = bytes
    }

    /// The body as text (invalid UTF-8 repaired).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// The body parsed as JSON (`.null` when empty or not JSON).
    public var json: JSON { (try? JSONParser.parse(bytes)) ?? .null }
    /// Whether the body is valid JSON.
    public var isJSON: Bool { (try? JSONParser.parse(bytes)) != nil }
    /// The first value of a response header.
    public func header(_ name: String) -> String? { headers.first(name: name) }

    /// `status body`, for failure messages.
    public var description: String { "\(status) \(text.prefix(2000))" }
}
