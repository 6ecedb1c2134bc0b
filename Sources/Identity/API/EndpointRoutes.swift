import Hummingbird
import OpenStackAPI

/// `/v3/endpoints` CRUD (admin).
enum EndpointRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/endpoints") { request, context in
            try context.requireAdmin("identity:list_endpoints")
            let rows = try await ctx.store.read { tx in try tx.endpoints() }
            return try ctx.list("endpoints", rows.map { Representation.endpoint($0, context.baseURL) }, request, context)
        }
        router.get("/v3/endpoints/:id") { _, context in
            try context.requireAdmin("identity:get_endpoint")
            return ctx.entity("endpoint", Representation.endpoint(try await find(try context.parameters.require("id"), ctx), context.baseURL))
        }
        router.post("/v3/endpoints") { request, context in
            try context.requireAdmin("identity:create_endpoint")
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "endpoint")
            let row = CatalogRules.endpoint(try CatalogDecoding.endpoint(body, create: true))
            try await ctx.store.write { tx in try commit(row, tx, insert: true) }
            await ctx.tokens.flushCatalog()
            return ctx.entity("endpoint", Representation.endpoint(row, context.baseURL), status: 201)
        }
        router.patch("/v3/endpoints/:id") { request, context in
            try context.requireAdmin("identity:update_endpoint")
            let row = try await find(try context.parameters.require("id"), ctx)
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "endpoint")
            let updated = CatalogRules.update(row, try CatalogDecoding.endpoint(body, create: false))
            try await ctx.store.write { tx in try commit(updated, tx, insert: false) }
            await ctx.tokens.flushCatalog()
            return ctx.entity("endpoint", Representation.endpoint(updated, context.baseURL))
        }
        router.delete("/v3/endpoints/:id") { _, context in
            try context.requireAdmin("identity:delete_endpoint")
            let row = try await find(try context.parameters.require("id"), ctx)
            try await ctx.store.write { tx in try tx.deleteEndpoint(row) }
            await ctx.tokens.flushCatalog()
            return JSONResponse.empty()
        }
    }

    /// Checks the service, adds an unknown region (as Keystone does) and writes the endpoint, in one transaction.
    private static func commit(_ row: EndpointRow, _ tx: IdentityTransaction, insert: Bool) throws {
        try CatalogRules.checkEndpoint(row, service: try tx.service(row.serviceId))
        if let region = CatalogRules.regionToCreate(row, existing: try row.regionId.flatMap { try tx.region($0) }) { try tx.insert(region) }
        if insert { try tx.insert(row) } else { try tx.update(row) }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> EndpointRow {
        try await ctx.store.read { tx in try tx.endpoint(id) }.found("endpoint", id)
    }
}
