import Hummingbird
import OpenStackAPI

/// `/v3/regions` CRUD (reads for everyone, writes admin).
enum RegionRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/regions") { request, context in
            _ = try context.requireAuth()
            let rows = try await ctx.store.read { tx in try tx.regions() }
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
            let row = try await find(try context.parameters.require("id"), ctx)
            let updated = CatalogRules.update(row, try CatalogDecoding.regionUpdate(try BodyReader(try await request.jsonObject(context: context), entity: "region")))
            try await ctx.store.write { tx in try tx.update(updated) }
            return ctx.entity("region", Representation.region(updated, context.baseURL))
        }
        router.delete("/v3/regions/:id") { _, context in
            try context.requireAdmin("identity:delete_region")
            let row = try await find(try context.parameters.require("id"), ctx)
            try await ctx.store.write { tx in try tx.deleteRegion(row) }
            await ctx.tokens.flushCatalog()
            return JSONResponse.empty()
        }
    }

    private static func create(_ request: Request, _ context: APIRequestContext, _ ctx: IdentityContext, id: String?) async throws -> Response {
        try context.requireAdmin("identity:create_region")
        let body = try BodyReader(try await request.jsonObject(context: context), entity: "region")
        let row = CatalogRules.region(try CatalogDecoding.regionCreate(body, id: id))
        try await ctx.store.write { tx in
            try CatalogRules.checkCreate(row, existing: try tx.region(row.id), parent: try row.parentRegionId.flatMap { try tx.region($0) })
            try tx.insert(row)
        }
        return ctx.entity("region", Representation.region(row, context.baseURL), status: 201)
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> RegionRow {
        try await ctx.store.read { tx in try tx.region(id) }.found("region", id)
    }
}
