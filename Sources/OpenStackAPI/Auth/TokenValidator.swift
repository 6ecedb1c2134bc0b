/// Turns an `X-Auth-Token` value into the caller, or nil when the token is unknown, expired or revoked.
public protocol TokenValidator: Sendable {
    /// Validates `token`.
    func validate(_ token: String) async throws -> AuthContext?
}
