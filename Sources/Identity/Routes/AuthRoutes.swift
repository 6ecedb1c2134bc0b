import GRDB
import Hummingbird
import OpenStackAPI

/// `GET /v3/auth/catalog`, `/v3/auth/projects`, `/v3/auth/domains`, `/v3/auth/system`: what the caller's token can reach.
enum AuthRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/auth/catalog") { request, context in
            let auth = try context.requireAuth()
            guard auth.projectID != nil || auth.domainID != nil || auth.system else { throw APIError.forbidden("identity:get_auth_catalog") }
            return JSONResponse.make(status: 200, body: ["catalog": try await ctx.tokens.catalog(),
                                                         "links": ["self": .string(context.baseURL + request.uri.path)]])
        }
        router.get("/v3/auth/projects") { request, context in
            let auth = try context.requireAuth()
            let projects = try await ctx.store.read { db in try Queries.projects(ofUser: auth.userID, in: db) }
            return try ctx.list("projects", projects.map { Representation.project($0, context.baseURL) }, request, context)
        }
        router.get("/v3/auth/domains") { request, context in
            let auth = try context.requireAuth()
            let domains = try await ctx.store.read { db in
                try DomainRow.fetchAll(db, sql: """
                    SELECT DISTINCT domain.* FROM domain JOIN assignment ON assignment.targetId = domain.id
                    WHERE assignment.targetKind = 'domain' AND assignment.userId = ? AND domain.enabled
                    """, arguments: [auth.userID])
            }
            return try ctx.list("domains", domains.map { Representation.domain($0, context.baseURL) }, request, context)
        }
        router.get("/v3/auth/system") { request, context in
            let auth = try context.requireAuth()
            let has = try await ctx.store.read { db in
                try AssignmentRow.filter(Column("userId") == auth.userID && Column("targetKind") == "system").fetchCount(db) > 0
            }
            return JSONResponse.make(status: 200, body: ["system": has ? [["all": true]] : [],
                                                         "links": ["self": .string(context.baseURL + request.uri.path)]])
        }
    }
}
