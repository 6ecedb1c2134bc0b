import GRDB
import Hummingbird
import OpenStackAPI

/// `/v3/domains` CRUD (admin), `GET /v3/domains/{id}` also for members of the domain.
enum DomainRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/domains") { request, context in
            let auth = try context.requireAuth()
            let domains = try await ctx.store.read { db in try DomainRow.order(Column("name")).fetchAll(db) }
            let visible = auth.isAdmin ? domains : domains.filter { $0.id == auth.userDomainID || $0.id == auth.projectDomainID || $0.id == auth.domainID }
            return try ctx.list("domains", visible.map { Representation.domain($0, context.baseURL) }, request, context)
        }
        router.get("/v3/domains/:id") { _, context in
            let auth = try context.requireAuth()
            let id = try context.parameters.require("id")
            try auth.require(auth.isAdmin || [auth.projectDomainID, auth.domainID, auth.userDomainID].contains(id), "identity:get_domain")
            return ctx.entity("domain", Representation.domain(try await find(id, ctx), context.baseURL))
        }
        router.post("/v3/domains") { request, context in
            try context.requireAdmin("identity:create_domain")
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "domain")
            let row = DomainRow(id: ResourceID.make(), name: try body.string("name", required: true, maxLength: 64)!,
                                description: try body.string("description", allowEmpty: true) ?? "", enabled: try body.bool("enabled") ?? true)
            try await ctx.store.write { db in
                if try Queries.exists(DomainRow.self, Column("name") == row.name, in: db) {
                    throw APIError.conflict("Conflict occurred attempting to store domain - Duplicate entry found with name \(row.name).")
                }
                try row.insert(db)
            }
            return ctx.entity("domain", Representation.domain(row, context.baseURL), status: 201)
        }
        router.patch("/v3/domains/:id") { request, context in
            try context.requireAdmin("identity:update_domain")
            var row = try await find(try context.parameters.require("id"), ctx)
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "domain")
            if let name = try body.string("name", maxLength: 64) { row.name = name }
            if let d = try body.string("description", allowEmpty: true) { row.description = d }
            if let e = try body.bool("enabled") { row.enabled = e }
            let updated = row
            try await ctx.store.write { db in
                if try Queries.exists(DomainRow.self, Column("name") == updated.name && Column("id") != updated.id, in: db) {
                    throw APIError.conflict("Conflict occurred attempting to store domain - Duplicate entry found with name \(updated.name).")
                }
                try updated.update(db)
            }
            await ctx.tokens.flush()
            return ctx.entity("domain", Representation.domain(updated, context.baseURL))
        }
        router.delete("/v3/domains/:id") { _, context in
            try context.requireAdmin("identity:delete_domain")
            let row = try await find(try context.parameters.require("id"), ctx)
            guard !row.enabled else {
                throw APIError(status: 403, message: "Cannot delete a domain that is enabled, please disable it first.")
            }
            try await ctx.store.write { db in
                let users = try String.fetchAll(db, sql: "SELECT id FROM user WHERE domainId = ?", arguments: [row.id])
                let projects = try String.fetchAll(db, sql: "SELECT id FROM project WHERE domainId = ?", arguments: [row.id])
                try db.execute(sql: "DELETE FROM assignment WHERE userId IN (SELECT id FROM user WHERE domainId = ?)", arguments: [row.id])
                for p in projects { try db.execute(sql: "DELETE FROM assignment WHERE targetKind = 'project' AND targetId = ?", arguments: [p]) }
                try db.execute(sql: "DELETE FROM assignment WHERE targetKind = 'domain' AND targetId = ?", arguments: [row.id])
                for u in users { try db.execute(sql: "UPDATE token SET revoked = 1 WHERE userId = ?", arguments: [u]) }
                try db.execute(sql: "DELETE FROM user WHERE domainId = ?", arguments: [row.id])
                try db.execute(sql: "DELETE FROM project WHERE domainId = ?", arguments: [row.id])
                _ = try row.delete(db)
            }
            await ctx.tokens.flush()
            return JSONResponse.empty()
        }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> DomainRow {
        try await ctx.find(DomainRow.self, id, kind: "domain")
    }
}
