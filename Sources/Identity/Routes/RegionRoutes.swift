import GRDB
import Hummingbird
import OpenStackAPI

/// `/v3/regions` CRUD (reads for everyone, writes admin).
enum RegionRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/regions") { request, context in
            _ = try context.requireAuth()
            let rows = try await ctx.store.read { db in try RegionRow.order(Column("id")).fetchAll(db) }
            return try ctx.list("regions", rows.map { Representation.region($0, context.baseURL) }, request, context)
        }
        router.get("/v3/regions/:id") { _, context in
            _ = try context.requireAuth()
            return ctx.entity("region", Representation.region(try await find(try context.parameters.require("id"), ctx), context.baseURL))
        }
        router.post("/v3/regions") { request, context in try await create(request, context, ctx, id: nil) }
        router.put("/v3/regions/:id") { request, context in try await create(request, context, ctx, id: try context.parameters.require("id")) }
        router.patch("/v3/regions/:id") { request, context in
            try context.requireAdmin("identity:update_region")
            var row = try await find(try context.parameters.require("id"), ctx)
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "region")
            if let d = try body.string("description", allowEmpty: true) { row.description = d }
            if body.object["parent_region_id"] != nil { row.parentRegionId = try body.string("parent_region_id") }
            let updated = row
            try await ctx.store.write { db in try updated.update(db) }
            return ctx.entity("region", Representation.region(updated, context.baseURL))
        }
        router.delete("/v3/regions/:id") { _, context in
            try context.requireAdmin("identity:delete_region")
            let row = try await find(try context.parameters.require("id"), ctx)
            try await ctx.store.write { db in
                try db.execute(sql: "UPDATE endpoint SET regionId = NULL WHERE regionId = ?", arguments: [row.id])
                _ = try row.delete(db)
            }
            await ctx.tokens.flushCatalog()
            return JSONResponse.empty()
        }
    }

    private static func create(_ request: Request, _ context: APIRequestContext, _ ctx: IdentityContext, id: String?) async throws -> Response {
        try context.requireAdmin("identity:create_region")
        let body = try BodyReader(try await request.jsonObject(context: context), entity: "region")
        let row = RegionRow(id: try id ?? body.string("id") ?? ResourceID.make(), description: try body.string("description", allowEmpty: true) ?? "",
                            parentRegionId: try body.string("parent_region_id"))
        try await ctx.store.write { db in
            if try RegionRow.fetchOne(db, key: row.id) != nil { throw APIError.conflict("Conflict occurred attempting to store region - Duplicate ID, \(row.id).") }
            if let p = row.parentRegionId, try RegionRow.fetchOne(db, key: p) == nil { throw APIError.notFound("region", p) }
            try row.insert(db)
        }
        return ctx.entity("region", Representation.region(row, context.baseURL), status: 201)
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> RegionRow {
        try await ctx.find(RegionRow.self, id, kind: "region")
    }
}
