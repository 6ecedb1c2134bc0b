import GRDB
import Hummingbird
import OpenStackAPI

/// `/v3/endpoints` CRUD (admin).
enum EndpointRoutes {
    static let interfaces: Set<String> = ["public", "internal", "admin"]

    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/endpoints") { request, context in
            try context.requireAdmin("identity:list_endpoints")
            let rows = try await ctx.store.read { db in try EndpointRow.fetchAll(db) }
            return try ctx.list("endpoints", rows.map { Representation.endpoint($0, context.baseURL) }, request, context)
        }
        router.get("/v3/endpoints/:id") { _, context in
            try context.requireAdmin("identity:get_endpoint")
            return ctx.entity("endpoint", Representation.endpoint(try await find(try context.parameters.require("id"), ctx), context.baseURL))
        }
        router.post("/v3/endpoints") { request, context in
            try context.requireAdmin("identity:create_endpoint")
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "endpoint")
            let interface = try body.string("interface", required: true)!
            guard interfaces.contains(interface) else { throw APIError.badRequest("Invalid input for field 'interface': '\(interface)' does not match '^(?:admin|internal|public)$'") }
            let row = EndpointRow(id: ResourceID.make(), serviceId: try body.string("service_id", required: true)!, interface: interface,
                                  regionId: try body.string("region_id") ?? body.string("region"), url: try body.string("url", required: true, maxLength: 1024)!,
                                  enabled: try body.bool("enabled") ?? true)
            try await ctx.store.write { db in
                guard try ServiceRow.fetchOne(db, key: row.serviceId) != nil else { throw APIError.badRequest("Could not find service: \(row.serviceId).") }
                try ensureRegion(row.regionId, db)
                try row.insert(db)
            }
            await ctx.tokens.flushCatalog()
            return ctx.entity("endpoint", Representation.endpoint(row, context.baseURL), status: 201)
        }
        router.patch("/v3/endpoints/:id") { request, context in
            try context.requireAdmin("identity:update_endpoint")
            var row = try await find(try context.parameters.require("id"), ctx)
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "endpoint")
            if let i = try body.string("interface") {
                guard interfaces.contains(i) else { throw APIError.badRequest("Invalid input for field 'interface': '\(i)' does not match '^(?:admin|internal|public)$'") }
                row.interface = i
            }
            if let u = try body.string("url", maxLength: 1024) { row.url = u }
            if let r = try body.string("region_id") ?? body.string("region") { row.regionId = r }
            if let s = try body.string("service_id") { row.serviceId = s }
            if let e = try body.bool("enabled") { row.enabled = e }
            let updated = row
            try await ctx.store.write { db in
                guard try ServiceRow.fetchOne(db, key: updated.serviceId) != nil else { throw APIError.badRequest("Could not find service: \(updated.serviceId).") }
                try ensureRegion(updated.regionId, db)
                try updated.update(db)
            }
            await ctx.tokens.flushCatalog()
            return ctx.entity("endpoint", Representation.endpoint(updated, context.baseURL))
        }
        router.delete("/v3/endpoints/:id") { _, context in
            try context.requireAdmin("identity:delete_endpoint")
            let row = try await find(try context.parameters.require("id"), ctx)
            try await ctx.store.write { db in _ = try row.delete(db) }
            await ctx.tokens.flushCatalog()
            return JSONResponse.empty()
        }
    }

    /// Like Keystone, an endpoint naming an unknown region creates it.
    static func ensureRegion(_ id: String?, _ db: Database) throws {
        guard let id, try RegionRow.fetchOne(db, key: id) == nil else { return }
        try RegionRow(id: id, description: "", parentRegionId: nil).insert(db)
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> EndpointRow {
        try await ctx.find(EndpointRow.self, id, kind: "endpoint")
    }
}
