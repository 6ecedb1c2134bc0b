public import AsyncHTTPClient
public import MetadataSecret
import NIOCore
import NIOHTTP1

/// Sends a guest's request on to nova-metadata as Neutron's proxy does: same method, path, query and body, with
/// only `X-Forwarded-For`, `X-Instance-ID`, `X-Tenant-ID` and `X-Instance-ID-Signature` (none of the guest's own
/// headers); the answer's status, type and body come back as they are, and an unreachable service is a 503.
public struct MetadataForwarder: Sendable {
    /// nova-metadata's base URL (`http://127.0.0.1:8775`), without a trailing slash.
    public let baseURL: String
    private let secret: SharedSecret
    private let http: HTTPClient

    /// A forwarder to `baseURL` signing with `secret`.
    public init(baseURL: String, secret: SharedSecret, http: HTTPClient = .shared) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.secret = secret
        self.http = http
    }

    /// A client for nova-metadata: a connection that cannot be made fails the request within 3 s (a 503 for
    /// the guest, who retries) instead of being retried until the request's 60 s deadline.
    public static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(3), read: .seconds(60)))
        configuration.connectionPool.idleTimeout = .seconds(30)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The longest answer passed back (user data is at most 64 KiB; a config drive's files are smaller).
    static let answerLimit = 4 << 20

    /// Forwards `request` on behalf of `instance`.
    public func forward(_ request: ProxyRequest, instance: InstanceIdentity) async -> ProxyResponse {
        var outgoing = HTTPClientRequest(url: baseURL + (request.uri.hasPrefix("/") ? request.uri : "/" + request.uri))
        outgoing.method = HTTPMethod(rawValue: request.method)
        outgoing.headers.add(name: "X-Forwarded-For", value: request.client)
        outgoing.headers.add(name: "X-Instance-ID", value: instance.instanceID)
        outgoing.headers.add(name: "X-Tenant-ID", value: instance.projectID)
        outgoing.headers.add(name: "X-Instance-ID-Signature", value: secret.sign(instance.instanceID))
        if request.body.readableBytes > 0 || request.method == "POST" || request.method == "PUT" {
            outgoing.body = .bytes(request.body)
        }
        do {
            let response = try await http.execute(outgoing, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: Self.answerLimit)
            return ProxyResponse(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"), body: body)
        } catch {
            return .text(503, "The metadata service at \(baseURL) did not answer: \(Self.reason(error))")
        }
    }

    /// A short reason for a transport failure (it never holds a header, so never the signature).
    static func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return error.shortDescription }
        return String(String(describing: error).prefix(200))
    }
}
