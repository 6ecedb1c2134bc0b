public import NIOCore

/// A guest's request as the proxy received it on a namespace's 169.254.169.254:80.
public struct ProxyRequest: Sendable {
    /// The HTTP method (`GET`, and `POST` for the password).
    public var method: String
    /// The path and query, as sent.
    public var uri: String
    /// The body (empty for a GET).
    public var body: ByteBuffer
    /// The TCP peer's address: the guest's IP on the network.
    public var client: String

    /// A request from its parts.
    public init(method: String, uri: String, body: ByteBuffer, client: String) {
        self.method = method
        self.uri = uri
        self.body = body
        self.client = client
    }
}

/// What the proxy answers a guest.
public struct ProxyResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The `Content-Type` to send, if any.
    public var contentType: String?
    /// The body.
    public var body: ByteBuffer

    /// A response from its parts.
    public init(status: Int, contentType: String?, body: ByteBuffer) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// A plain-text answer the proxy makes itself (404 for an unknown guest, 503 when nova-metadata is unreachable).
    public static func text(_ status: Int, _ message: String) -> ProxyResponse {
        ProxyResponse(status: status, contentType: "text/plain; charset=UTF-8", body: ByteBuffer(string: message + "\n"))
    }
}

/// Answers one request (looks the guest up and forwards it).
public typealias ProxyResponder = @Sendable (ProxyRequest) async -> ProxyResponse
