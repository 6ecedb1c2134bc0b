public import AsyncHTTPClient
import Foundation
import NIOCore

/// Validates tokens against an identity service (`GET /v3/auth/tokens`), authenticating as a service user.
public actor RemoteTokenValidator: TokenValidator {
    /// The service user's password credentials (the same as a ``ServiceToken``'s).
    public typealias ServiceCredentials = ServiceToken.Credentials

    private let identityURL: String
    private let serviceToken: ServiceToken
    private let client: HTTPClient

    /// A validator for the identity service at `identityURL` (e.g. `http://127.0.0.1:5000`).
    public init(identityURL: String, credentials: ServiceCredentials, client: HTTPClient = .shared) {
        self.serviceToken = ServiceToken(identityURL: identityURL, credentials: credentials, client: client)
        self.identityURL = serviceToken.identityURL
        self.client = client
    }

    public func validate(_ token: String) async throws -> AuthContext? {
        for _ in 0..<2 {
            var request = HTTPClientRequest(url: identityURL + "/v3/auth/tokens?nocatalog")
            request.headers.add(name: "X-Auth-Token", value: try await serviceToken.value())
            request.headers.add(name: "X-Subject-Token", value: token)
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 4 << 20)
            if response.status.code == 401 {
                await serviceToken.invalidate()  // our own token expired or was revoked: get a new one and ask again
                continue
            }
            guard response.status.code == 200, let json = try? JSONParser.parse(Array(body.readableBytesView)),
                  let tokenBody = json["token"] else { return nil }
            return TokenBodyParser.context(from: tokenBody)
        }
        throw APIError(status: 503, message: "The identity service refused the service token.")
    }
}
