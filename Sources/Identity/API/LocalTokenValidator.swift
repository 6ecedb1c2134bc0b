import OpenStackAPI

/// Validates `X-Auth-Token` against the local token service (no HTTP round trip).
struct LocalTokenValidator: TokenValidator {
    let tokens: TokenService

    func validate(_ token: String) async throws -> AuthContext? {
        try await tokens.resolve(token)?.context
    }
}
