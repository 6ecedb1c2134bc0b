import Hummingbird
import OpenStackAPI

/// `/v3/services` CRUD (admin).
enum ServiceRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/services") { request, context in
            try context.requireAdmin("identity:list_services")
            let rows = try await ctx.store.read { tx in try tx.services() }
            return try ctx.list("services", rows.map { Representation.service($0, context.baseURL) }, request, context)
        }
        router.get("/v3/services/:id") { _, context in
            try context.requireAdmin("identity:get_service")
            return ctx.entity("service", Representation.service(try await find(try context.parameters.require("id"), ctx), context.baseURL))
        }
        router.post("/v3/services") { request, context in
            try context.requireAdmin("identity:create_service")
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "service")
            let row = CatalogRules.service(try CatalogDecoding.service(body, create: true))
            try await ctx.store.write { tx in try tx.insert(row) }
            await ctx.tokens.flushCatalog()
            return ctx.entity("service", Representation.service(row, context.baseURL), status: 201)
        }
        router.patch("/v3/services/:id") { request, context in
            try context.requireAdmin("identity:update_service")
            let row = try await find(try context.parameters.require("id"), ctx)
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "service")
            let updated = CatalogRules.update(row, try CatalogDecoding.service(body, create: false))
            try await ctx.store.write { tx in try tx.update(updated) }
            await ctx.tokens.flushCatalog()
            return ctx.entity("service", Representation.service(updated, context.baseURL))
        }
        router.delete("/v3/services/:id") { _, context in
            try context.requireAdmin("identity:delete_service")
            let row = try await find(try context.parameters.require("id"), ctx)
            try await ctx.store.write { tx in try tx.deleteService(row) }
            await ctx.tokens.flushCatalog()
            return JSONResponse.empty()
        }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> ServiceRow {
        try await ctx.store.read { tx in try tx.service(id) }.found("service", id)
    }
}
