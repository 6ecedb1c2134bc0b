import Hummingbird
import OpenStackAPI

/// `/v3/users` CRUD, `GET /v3/users/{id}/projects` and `POST /v3/users/{id}/password`.
enum UserRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/users") { request, context in
            try context.requireAdmin("identity:list_users")
            let rows = try await ctx.store.read { tx in try tx.users() }
            return try ctx.list("users", rows.map { Representation.user($0, context.baseURL) }, request, context)
        }
        router.get("/v3/users/:id") { _, context in
            let auth = try context.requireAuth()
            let id = try context.parameters.require("id")
            try IdentityPolicy.selfOrAdmin(auth, user: id, "identity:get_user")
            return ctx.entity("user", Representation.user(try await find(id, ctx), context.baseURL))
        }
        router.get("/v3/users/:id/projects") { request, context in
            let auth = try context.requireAuth()
            let id = try context.parameters.require("id")
            try IdentityPolicy.selfOrAdmin(auth, user: id, "identity:list_user_projects")
            _ = try await find(id, ctx)
            let rows = try await ctx.store.read { tx in try tx.projects(ofUser: id) }
            return try ctx.list("projects", rows.map { Representation.project($0, context.baseURL) }, request, context)
        }
        router.post("/v3/users") { request, context in
            let auth = try context.requireAuth()
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "user")
            try IdentityPolicy.require(auth.isAdmin, "identity:create_user")
            let create = try UserDecoding.create(body)
            let row = UserRules.create(create, auth, hash: try create.password.map { try ctx.hasher.hash($0) })
            try await ctx.store.write { tx in
                try UserRules.checkCreate(row, domain: try tx.domain(row.domainId), defaultProject: try row.defaultProjectId.flatMap { try tx.project($0) },
                                          sameName: try tx.users(named: row.name, inDomain: row.domainId))
                try tx.insert(row)
            }
            return ctx.entity("user", Representation.user(row, context.baseURL), status: 201)
        }
        router.patch("/v3/users/:id") { request, context in
            try context.requireAdmin("identity:update_user")
            let row = try await find(try context.parameters.require("id"), ctx)
            let update = try UserDecoding.update(try BodyReader(try await request.jsonObject(context: context), entity: "user"))
            let updated = UserRules.update(row, update, hash: try update.password.map { try ctx.hasher.hash($0) })
            try await ctx.store.write { tx in
                try UserRules.checkName(updated, sameName: try tx.users(named: updated.name, inDomain: updated.domainId))
                try tx.update(updated)
            }
            if UserRules.revokesTokens(update, after: updated) { try await ctx.tokens.revokeAll(userID: updated.id) } else { await ctx.tokens.flush() }
            return ctx.entity("user", Representation.user(updated, context.baseURL))
        }
        // Like Keystone, the original password authenticates the change; no token is needed.
        router.post("/v3/users/:id/password") { request, context in
            let id = try context.parameters.require("id")
            let change = try UserDecoding.passwordChange(try BodyReader(try await request.jsonObject(context: context), entity: "user"))
            guard var row = try await ctx.store.read({ tx in try tx.user(id) }), row.enabled,
                  let hash = row.passwordHash, ctx.hasher.verify(change.original, against: hash) else { throw IdentityError.unauthorized }
            row.passwordHash = try ctx.hasher.hash(change.new)
            let updated = row
            try await ctx.store.write { tx in try tx.update(updated) }
            try await ctx.tokens.revokeAll(userID: id)
            return JSONResponse.empty()
        }
        router.delete("/v3/users/:id") { _, context in
            try context.requireAdmin("identity:delete_user")
            let row = try await find(try context.parameters.require("id"), ctx)
            try await ctx.store.write { tx in try tx.deleteUser(row) }
            try await ctx.tokens.revokeAll(userID: row.id)
            return JSONResponse.empty()
        }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> UserRow {
        try await ctx.store.read { tx in try tx.user(id) }.found("user", id)
    }
}
