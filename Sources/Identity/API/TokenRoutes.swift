import Hummingbird
import HTTPTypes
import OpenStackAPI

/// `POST/GET/HEAD/DELETE /v3/auth/tokens`.
enum TokenRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.post("/v3/auth/tokens") { request, context in
            let auth = try AuthRequest(try await request.jsonObject(context: context))
            let (value, token) = try await ctx.authenticator.authenticate(auth)
            // Spelled out: in `c ? json : nil` the nil would be read as a JSON null.
            var catalog: JSON?
            if request.query("nocatalog") == nil { catalog = CatalogRenderer.catalog(try await ctx.tokens.catalog()) }
            return JSONResponse.make(status: 201, body: TokenRenderer.body(token, catalog: catalog), headers: [("X-Subject-Token", value)])
        }
        router.get("/v3/auth/tokens") { request, context in try await validate(request, context, ctx, head: false) }
        router.head("/v3/auth/tokens") { request, context in try await validate(request, context, ctx, head: true) }
        router.delete("/v3/auth/tokens") { request, context in
            _ = try context.requireAuth()
            guard try await ctx.tokens.revoke(try subject(request)) else { throw notFound }
            return JSONResponse.empty()
        }
    }

    static let notFound = APIError(status: 404, message: "Failed to validate token")

    static func subject(_ request: Request) throws -> String {
        guard let value = request.headers[HTTPField.Name("X-Subject-Token")!], !value.isEmpty else {
            throw APIError.badRequest("Expecting to find X-Subject-Token in request headers.")
        }
        return value
    }

    private static func validate(_ request: Request, _ context: APIRequestContext, _ ctx: IdentityContext, head: Bool) async throws -> Response {
        _ = try context.requireAuth()
        let value = try subject(request)
        guard let token = try await ctx.tokens.resolve(value) else { throw notFound }
        var catalog: JSON?
        if request.query("nocatalog") == nil { catalog = CatalogRenderer.catalog(try await ctx.tokens.catalog()) }
        return JSONResponse.make(status: 200, body: TokenRenderer.body(token, catalog: catalog), headers: [("X-Subject-Token", value)], head: head)
    }
}
