import Hummingbird
import OpenStackAPI

/// `GET /v3/auth/catalog`, `/v3/auth/projects`, `/v3/auth/domains`, `/v3/auth/system`: what the caller's token can reach.
enum AuthRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/auth/catalog") { request, context in
            let auth = try context.requireAuth()
            try IdentityPolicy.getAuthCatalog(auth)
            return JSONResponse.make(status: 200, body: ["catalog": CatalogRenderer.catalog(try await ctx.tokens.catalog()),
                                                         "links": ["self": .string(context.baseURL + request.uri.path)]])
        }
        router.get("/v3/auth/projects") { request, context in
            let auth = try context.requireAuth()
            let projects = try await ctx.store.read { tx in try tx.projects(ofUser: auth.userID) }
            return try ctx.list("projects", projects.map { Representation.project($0, context.baseURL) }, request, context)
        }
        router.get("/v3/auth/domains") { request, context in
            let auth = try context.requireAuth()
            let domains = try await ctx.store.read { tx in try tx.domains(ofUser: auth.userID) }
            return try ctx.list("domains", domains.map { Representation.domain($0, context.baseURL) }, request, context)
        }
        router.get("/v3/auth/system") { request, context in
            let auth = try context.requireAuth()
            let has = try await ctx.store.read { tx in try tx.hasSystemRole(userID: auth.userID) }
            return JSONResponse.make(status: 200, body: ["system": has ? [["all": true]] : [],
                                                         "links": ["self": .string(context.baseURL + request.uri.path)]])
        }
    }
}
