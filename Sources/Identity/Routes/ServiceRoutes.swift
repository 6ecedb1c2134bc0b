import GRDB
import Hummingbird
import OpenStackAPI

/// `/v3/services` CRUD (admin).
enum ServiceRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/services") { request, context in
            try context.requireAdmin("identity:list_services")
            let rows = try await ctx.store.read { db in try ServiceRow.order(Column("type")).fetchAll(db) }
            return try ctx.list("services", rows.map { Representation.service($0, context.baseURL) }, request, context)
        }
        router.get("/v3/services/:id") { _, context in
            try context.requireAdmin("identity:get_service")
            return ctx.entity("service", Representation.service(try await find(try context.parameters.require("id"), ctx), context.baseURL))
        }
        router.post("/v3/services") { request, context in
            try context.requireAdmin("identity:create_service")
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "service")
            let type = try body.string("type", required: true)!
            let row = ServiceRow(id: ResourceID.make(), type: type, name: try body.string("name", allowEmpty: true) ?? "",
                                 description: try body.string("description", allowEmpty: true) ?? "", enabled: try body.bool("enabled") ?? true)
            try await ctx.store.write { db in try row.insert(db) }
            await ctx.tokens.flushCatalog()
            return ctx.entity("service", Representation.service(row, context.baseURL), status: 201)
        }
        router.patch("/v3/services/:id") { request, context in
            try context.requireAdmin("identity:update_service")
            var row = try await find(try context.parameters.require("id"), ctx)
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "service")
            if let t = try body.string("type") { row.type = t }
            if let n = try body.string("name", allowEmpty: true) { row.name = n }
            if let d = try body.string("description", allowEmpty: true) { row.description = d }
            if let e = try body.bool("enabled") { row.enabled = e }
            let updated = row
            try await ctx.store.write { db in try updated.update(db) }
            await ctx.tokens.flushCatalog()
            return ctx.entity("service", Representation.service(updated, context.baseURL))
        }
        router.delete("/v3/services/:id") { _, context in
            try context.requireAdmin("identity:delete_service")
            let row = try await find(try context.parameters.require("id"), ctx)
            try await ctx.store.write { db in _ = try row.delete(db) }
            await ctx.tokens.flushCatalog()
            return JSONResponse.empty()
        }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> ServiceRow {
        try await ctx.find(ServiceRow.self, id, kind: "service")
    }
}
