public import AsyncHTTPClient
import Foundation
import NIOCore

/// Validates tokens against an identity service (`GET /v3/auth/tokens`), authenticating as a service user.
public actor RemoteTokenValidator: TokenValidator {
    /// The service user's password credentials, scoped to a project.
    public struct ServiceCredentials: Sendable {
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

    private let identityURL: String
    private let credentials: ServiceCredentials
    private let client: HTTPClient
    private var serviceToken: (value: String, expires: Date)?

    /// A validator for the identity service at `identityURL` (e.g. `http://127.0.0.1:5000`).
    public init(identityURL: String, credentials: ServiceCredentials, client: HTTPClient = .shared) {
        self.identityURL = identityURL.hasSuffix("/") ? String(identityURL.dropLast()) : identityURL
        self.credentials = credentials
        self.client = client
    }

    public func validate(_ token: String) async throws -> AuthContext? {
        for _ in 0..<2 {
            var request = HTTPClientRequest(url: identityURL + "/v3/auth/tokens?nocatalog")
            request.headers.add(name: "X-Auth-Token", value: try await currentServiceToken())
            request.headers.add(name: "X-Subject-Token", value: token)
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 4 << 20)
            if response.status.code == 401 {
                serviceToken = nil  // our own token expired or was revoked: get a new one and ask again
                continue
            }
            guard response.status.code == 200, let json = try? JSONParser.parse(Array(body.readableBytesView)),
                  let tokenBody = json["token"] else { return nil }
            return TokenBodyParser.context(from: tokenBody)
        }
        throw APIError(status: 503, message: "The identity service refused the service token.")
    }

    private func currentServiceToken() async throws -> String {
        if let serviceToken, serviceToken.expires > Date().addingTimeInterval(60) { return serviceToken.value }
        var request = HTTPClientRequest(url: identityURL + "/v3/auth/tokens?nocatalog")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let domain: JSON = ["name": .string(credentials.domainName)]
        let auth: JSON = ["auth": [
            "identity": ["methods": ["password"], "password": ["user": [
                "name": .string(credentials.userName), "domain": domain, "password": .string(credentials.password)]]],
            "scope": ["project": ["name": .string(credentials.projectName), "domain": domain]]]]
        request.body = .bytes(ByteBuffer(bytes: auth.bytes))
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 4 << 20)
        guard response.status.code == 201, let value = response.headers.first(name: "X-Subject-Token"),
              let json = try? JSONParser.parse(Array(body.readableBytesView)),
              let context = json["token"].flatMap(TokenBodyParser.context(from:)) else {
            throw APIError(status: 503, message: "The identity service refused the service credentials.")
        }
        serviceToken = (value, context.expiresAt)
        return value
    }
}
