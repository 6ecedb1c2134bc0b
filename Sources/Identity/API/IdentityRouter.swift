import Hummingbird
import OpenStackAPI

/// The router of the identity service: shared middleware, token check, and every resource's routes.
enum IdentityRouter {
    static func make(_ ctx: IdentityContext) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: OpenStackMiddleware(style: .keystone) { error, context in
            error.status == 401 ? [("WWW-Authenticate", "Keystone uri=\"\(context.baseURL)/v3\"")] : []
        })
        router.add(middleware: TokenAuthMiddleware(validator: LocalTokenValidator(tokens: ctx.tokens)) { request in
            let path = request.uri.path
            if path == "/" || path == "/v3" || path == "/v3/" { return true }
            guard request.method == .post else { return false }
            return path == "/v3/auth/tokens" || (path.hasPrefix("/v3/users/") && path.hasSuffix("/password"))
        })
        VersionRoutes.register(on: router)
        TokenRoutes.register(on: router, ctx)
        AuthRoutes.register(on: router, ctx)
        DomainRoutes.register(on: router, ctx)
        ProjectRoutes.register(on: router, ctx)
        UserRoutes.register(on: router, ctx)
        RoleRoutes.register(on: router, ctx)
        GrantRoutes.register(on: router, ctx)
        AssignmentRoutes.register(on: router, ctx)
        ServiceRoutes.register(on: router, ctx)
        EndpointRoutes.register(on: router, ctx)
        RegionRoutes.register(on: router, ctx)
        return router
    }
}
