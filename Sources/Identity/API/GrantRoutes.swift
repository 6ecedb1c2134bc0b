import Hummingbird
import OpenStackAPI

/// Role grants on projects, domains and the system: `PUT/GET/HEAD/DELETE …/users/{u}/roles/{r}` and the list `…/users/{u}/roles`.
enum GrantRoutes {
    /// The target kinds and their path prefixes (`system` has the single target `all`).
    static let targets: [(kind: String, prefix: String)] = [("project", "/v3/projects/:id"), ("domain", "/v3/domains/:id"), ("system", "/v3/system")]

    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        for (kind, prefix) in targets {
            router.put("\(prefix)/users/:user/roles/:role") { _, context in
                let a = try await grant(kind, context, ctx, action: "identity:create_grant")
                try await ctx.store.write { tx in try tx.save(a) }
                await ctx.tokens.flush()
                return JSONResponse.empty()
            }
            for method in [HTTPRequest.Method.get, .head] {
                router.on("\(prefix)/users/:user/roles/:role", method: method) { _, context in
                    let a = try await grant(kind, context, ctx, action: "identity:check_grant")
                    guard try await ctx.store.read({ tx in try tx.exists(a) }) else { throw GrantRules.notGranted(a) }
                    return JSONResponse.empty()
                }
            }
            router.delete("\(prefix)/users/:user/roles/:role") { _, context in
                let a = try await grant(kind, context, ctx, action: "identity:revoke_grant")
                guard try await ctx.store.write({ tx in try tx.delete(a) }) else { throw GrantRules.notGranted(a) }
                await ctx.tokens.flush()
                return JSONResponse.empty()
            }
            router.get("\(prefix)/users/:user/roles") { request, context in
                try context.requireAdmin("identity:list_grants")
                let g = Grant(kind: kind, target: kind == "system" ? "all" : try context.parameters.require("id"),
                              user: try context.parameters.require("user"), role: nil)
                try await checkExists(g, ctx)
                let roles = try await ctx.store.read { tx in try tx.directRoles(userID: g.user, kind: g.kind, targetID: g.target) }
                return try ctx.list("roles", roles.map { Representation.role($0, context.baseURL) }, request, context)
            }
        }
    }

    private static func grant(_ kind: String, _ context: APIRequestContext, _ ctx: IdentityContext, action: String) async throws -> AssignmentRow {
        let auth = try context.requireAuth()
        try IdentityPolicy.require(auth.isAdmin, action)
        let user = try context.parameters.require("user"), role = try context.parameters.require("role")
        let g = Grant(kind: kind, target: kind == "system" ? "all" : try context.parameters.require("id"), user: user, role: role)
        try await checkExists(g, ctx)
        return g.row
    }

    private static func checkExists(_ g: Grant, _ ctx: IdentityContext) async throws {
        try await ctx.store.read { tx in
            var target = true
            if g.kind == "project" { target = try tx.project(g.target) != nil }
            if g.kind == "domain" { target = try tx.domain(g.target) != nil }
            try GrantRules.checkExists(g, target: target, user: try tx.user(g.user), role: try g.role.flatMap { try tx.role($0) })
        }
    }
}
