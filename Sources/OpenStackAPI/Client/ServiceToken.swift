public import AsyncHTTPClient
import Foundation
import NIOCore

/// A service user's token from the identity service, fetched on first use and renewed a minute before it
/// expires (or when a peer refuses it): what one OpenStack service sends another, as `keystonemiddleware`
/// and the service users of Nova and Neutron do.
public actor ServiceToken {
    /// The service user's password credentials, scoped to a project.
    public struct Credentials: Sendable {
        public var userName: String
        public var password: String
        public var projectName: String
        public var domainName: String

        /// Credentials in `domainName` (users and project).
        public init(userName: String, password: String, projectName: String, domainName: String = "Default") {
            self.userName = userName
            self.password = password
            self.projectName = projectName
            self.domainName = domainName
        }
    }

    /// The identity service URL, without a trailing slash.
    public let identityURL: String
    private let credentials: Credentials
    private let client: HTTPClient
    private var current: (value: String, expires: Date)?

    /// A token source for the identity service at `identityURL` (e.g. `http://127.0.0.1:5000`).
    public init(identityURL: String, credentials: Credentials, client: HTTPClient = .shared) {
        self.identityURL = identityURL.hasSuffix("/") ? String(identityURL.dropLast()) : identityURL
        self.credentials = credentials
        self.client = client
    }

    /// Forgets the token (a peer answered 401 to it): the next `value()` gets a new one.
    public func invalidate() { current = nil }

    /// A token valid for at least another minute.
    public func value() async throws -> String {
        if let current, current.expires > Date().addingTimeInterval(60) { return current.value }
        var request = HTTPClientRequest(url: identityURL + "/v3/auth/tokens?nocatalog")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let domain: JSON = ["name": .string(credentials.domainName)]
        let auth: JSON = ["auth": [
            "identity": ["methods": ["password"], "password": ["user": [
                "name": .string(credentials.userName), "domain": domain, "password": .string(credentials.password)]]],
            "scope": ["project": ["name": .string(credentials.projectName), "domain": domain]]]]
        request.body = .bytes(ByteBuffer(bytes: auth.bytes))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(30))
        } catch {
            throw APIError(status: 503, message: "The identity service at \(identityURL) does not answer (\(error)); is it running?")
        }
        let body = try await response.body.collect(upTo: 4 << 20)
        guard response.status.code == 201, let value = response.headers.first(name: "X-Subject-Token"),
              let json = try? JSONParser.parse(Array(body.readableBytesView)),
              let context = json["token"].flatMap(TokenBodyParser.context(from:)) else {
            throw APIError(status: 503, message: "The identity service refused the service credentials of '\(credentials.userName)'.")
        }
        current = (value, context.expiresAt)
        return value
    }
}
