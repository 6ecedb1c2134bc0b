import GRDB
import Hummingbird
import OpenStackAPI

/// `/v3/roles` CRUD (admin).
enum RoleRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/roles") { request, context in
            try context.requireAdmin("identity:list_roles")
            let rows = try await ctx.store.read { db in try RoleRow.order(Column("name")).fetchAll(db) }
            return try ctx.list("roles", rows.map { Representation.role($0, context.baseURL) }, request, context)
        }
        router.get("/v3/roles/:id") { _, context in
            try context.requireAdmin("identity:get_role")
            return ctx.entity("role", Representation.role(try await find(try context.parameters.require("id"), ctx), context.baseURL))
        }
        router.post("/v3/roles") { request, context in
            try context.requireAdmin("identity:create_role")
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "role")
            let row = RoleRow(id: ResourceID.make(), name: try body.string("name", required: true)!,
                              description: try body.string("description", allowEmpty: true))
            try await ctx.store.write { db in
                if try Queries.exists(RoleRow.self, Column("name") == row.name, in: db) { throw duplicate(row.name) }
                try row.insert(db)
            }
            return ctx.entity("role", Representation.role(row, context.baseURL), status: 201)
        }
        router.patch("/v3/roles/:id") { request, context in
            try context.requireAdmin("identity:update_role")
            var row = try await find(try context.parameters.require("id"), ctx)
            guard Role(rawValue: row.name) == nil else { throw immutable(row.id) }
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "role")
            if let name = try body.string("name") { row.name = name }
            if let d = try body.string("description", allowEmpty: true) { row.description = d }
            let updated = row
            try await ctx.store.write { db in
                if try Queries.exists(RoleRow.self, Column("name") == updated.name && Column("id") != updated.id, in: db) { throw duplicate(updated.name) }
                try updated.update(db)
            }
            await ctx.tokens.flush()
            return ctx.entity("role", Representation.role(updated, context.baseURL))
        }
        router.delete("/v3/roles/:id") { _, context in
            try context.requireAdmin("identity:delete_role")
            let row = try await find(try context.parameters.require("id"), ctx)
            guard Role(rawValue: row.name) == nil else { throw immutable(row.id) }
            try await ctx.store.write { db in
                try db.execute(sql: "DELETE FROM assignment WHERE roleId = ?", arguments: [row.id])
                _ = try row.delete(db)
            }
            await ctx.tokens.flush()
            return JSONResponse.empty()
        }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> RoleRow {
        try await ctx.find(RoleRow.self, id, kind: "role")
    }

    static func duplicate(_ name: String) -> APIError {
        APIError.conflict("Conflict occurred attempting to store role - Duplicate entry found with name \(name).")
    }

    static func immutable(_ id: String) -> APIError {
        APIError(status: 403, message: "Resource \(id) is immutable.")
    }
}
