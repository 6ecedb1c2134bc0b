public import Hummingbird

/// The request context every OVNStack API handler receives: request id, base URL and the caller's token.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// `req-<uuid>`, echoed as `x-openstack-request-id`.
    public var requestID: String = ""
    /// `http://host:port` as the client addressed us, for links.
    public var baseURL: String = ""
    /// The validated caller, set by ``TokenAuthMiddleware``.
    public var auth: AuthContext?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Bodies larger than 1 MiB are refused.
    public var maxUploadSize: Int { 1 << 20 }

    /// The caller, or 401 when the route was reached without a token.
    public func requireAuth() throws(APIError) -> AuthContext {
        guard let auth else { throw APIError.unauthorized }
        return auth
    }

    /// The caller, or 401 without a token and 403 naming `action` without the admin role.
    @discardableResult
    public func requireAdmin(_ action: String) throws(APIError) -> AuthContext {
        let auth = try requireAuth()
        try auth.require(auth.isAdmin, action)
        return auth
    }
}
