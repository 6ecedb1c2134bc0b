import Hummingbird
import OpenStackAPI

/// `/v3/roles` CRUD (admin).
enum RoleRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/roles") { request, context in
            try context.requireAdmin("identity:list_roles")
            let rows = try await ctx.store.read { tx in try tx.roles() }
            return try ctx.list("roles", rows.map { Representation.role($0, context.baseURL) }, request, context)
        }
        router.get("/v3/roles/:id") { _, context in
            try context.requireAdmin("identity:get_role")
            return ctx.entity("role", Representation.role(try await find(try context.parameters.require("id"), ctx), context.baseURL))
        }
        router.post("/v3/roles") { request, context in
            try context.requireAdmin("identity:create_role")
            let row = RoleRules.create(try RoleDecoding.create(try BodyReader(try await request.jsonObject(context: context), entity: "role")))
            try await ctx.store.write { tx in
                try RoleRules.checkName(row, sameName: try tx.roles(named: row.name))
                try tx.insert(row)
            }
            return ctx.entity("role", Representation.role(row, context.baseURL), status: 201)
        }
        router.patch("/v3/roles/:id") { request, context in
            try context.requireAdmin("identity:update_role")
            let row = try await find(try context.parameters.require("id"), ctx)
            try RoleRules.checkMutable(row)
            let updated = RoleRules.update(row, try RoleDecoding.update(try BodyReader(try await request.jsonObject(context: context), entity: "role")))
            try await ctx.store.write { tx in
                try RoleRules.checkName(updated, sameName: try tx.roles(named: updated.name))
                try tx.update(updated)
            }
            await ctx.tokens.flush()
            return ctx.entity("role", Representation.role(updated, context.baseURL))
        }
        router.delete("/v3/roles/:id") { _, context in
            try context.requireAdmin("identity:delete_role")
            let row = try await find(try context.parameters.require("id"), ctx)
            try RoleRules.checkMutable(row)
            try await ctx.store.write { tx in try tx.deleteRole(row) }
            await ctx.tokens.flush()
            return JSONResponse.empty()
        }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> RoleRow {
        try await ctx.store.read { tx in try tx.role(id) }.found("role", id)
    }
}
