import GRDB
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
                try await ctx.store.write { db in try a.save(db) }
                await ctx.tokens.flush()
                return JSONResponse.empty()
            }
            for method in [HTTPRequest.Method.get, .head] {
                router.on("\(prefix)/users/:user/roles/:role", method: method) { _, context in
                    let a = try await grant(kind, context, ctx, action: "identity:check_grant")
                    guard try await ctx.store.read({ db in try a.exists(db) }) else { throw notGranted(a) }
                    return JSONResponse.empty()
                }
            }
            router.delete("\(prefix)/users/:user/roles/:role") { _, context in
                let a = try await grant(kind, context, ctx, action: "identity:revoke_grant")
                guard try await ctx.store.write({ db in try a.delete(db) }) else { throw notGranted(a) }
                await ctx.tokens.flush()
                return JSONResponse.empty()
            }
            router.get("\(prefix)/users/:user/roles") { request, context in
                try context.requireAdmin("identity:list_grants")
                let user = try context.parameters.require("user")
                let target = kind == "system" ? "all" : try context.parameters.require("id")
                try await checkExists(kind: kind, target: target, user: user, role: nil, ctx)
                let roles = try await ctx.store.read { db in
                    try RoleRow.fetchAll(db, sql: """
                        SELECT role.* FROM role JOIN assignment ON assignment.roleId = role.id
                        WHERE assignment.userId = ? AND assignment.targetKind = ? AND assignment.targetId = ? ORDER BY role.name
                        """, arguments: [user, kind, target])
                }
                return try ctx.list("roles", roles.map { Representation.role($0, context.baseURL) }, request, context)
            }
        }
    }

    private static func grant(_ kind: String, _ context: APIRequestContext, _ ctx: IdentityContext, action: String) async throws -> AssignmentRow {
        let auth = try context.requireAuth()
        try auth.require(auth.isAdmin, action)
        let user = try context.parameters.require("user"), role = try context.parameters.require("role")
        let target = kind == "system" ? "all" : try context.parameters.require("id")
        try await checkExists(kind: kind, target: target, user: user, role: role, ctx)
        return AssignmentRow(userId: user, targetKind: kind, targetId: target, roleId: role)
    }

    private static func checkExists(kind: String, target: String, user: String, role: String?, _ ctx: IdentityContext) async throws {
        try await ctx.store.read { db in
            if kind == "project", try ProjectRow.fetchOne(db, key: target) == nil { throw APIError.notFound("project", target) }
            if kind == "domain", try DomainRow.fetchOne(db, key: target) == nil { throw APIError.notFound("domain", target) }
            if try UserRow.fetchOne(db, key: user) == nil { throw APIError.notFound("user", user) }
            if let role, try RoleRow.fetchOne(db, key: role) == nil { throw APIError.notFound("role", role) }
        }
    }

    private static func notGranted(_ a: AssignmentRow) -> APIError {
        APIError(status: 404, message: "Could not find role assignment with role: \(a.roleId), user or group: \(a.userId), project, domain, or system: \(a.targetId).")
    }
}
