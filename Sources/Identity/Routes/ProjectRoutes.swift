import GRDB
import Hummingbird
import OpenStackAPI

/// `/v3/projects` CRUD; members may read their own project.
enum ProjectRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/projects") { request, context in
            try context.requireAdmin("identity:list_projects")
            let rows = try await ctx.store.read { db in try ProjectRow.order(Column("name")).fetchAll(db) }
            return try ctx.list("projects", rows.map { Representation.project($0, context.baseURL) }, request, context)
        }
        router.get("/v3/projects/:id") { _, context in
            let auth = try context.requireAuth()
            let id = try context.parameters.require("id")
            try auth.require(auth.isAdmin || auth.projectID == id, "identity:get_project")
            return ctx.entity("project", Representation.project(try await find(id, ctx), context.baseURL))
        }
        router.post("/v3/projects") { request, context in
            let auth = try context.requireAuth()
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "project")
            try auth.require(auth.isAdmin, "identity:create_project")
            let name = try body.string("name", required: true, maxLength: 64)!
            let domainID = try body.string("domain_id") ?? auth.projectDomainID ?? auth.domainID ?? "default"
            if let parent = try body.string("parent_id"), parent != domainID {
                throw APIError(status: 501, message: "Project hierarchies are not supported.")
            }
            if try body.bool("is_domain") == true { throw APIError(status: 501, message: "Projects acting as domains are not supported.") }
            let row = ProjectRow(id: ResourceID.make(), name: name, domainId: domainID,
                                 description: try body.string("description", allowEmpty: true, maxLength: 65_535) ?? "",
                                 enabled: try body.bool("enabled") ?? true, tags: (try body.strings("tags") ?? []).joined(separator: ","))
            try await ctx.store.write { db in
                guard try DomainRow.fetchOne(db, key: domainID) != nil else { throw APIError.notFound("domain", domainID) }
                if try Queries.exists(ProjectRow.self, Column("name") == name && Column("domainId") == domainID, in: db) {
                    throw duplicate(name, row.id)
                }
                try row.insert(db)
            }
            return ctx.entity("project", Representation.project(row, context.baseURL), status: 201)
        }
        router.patch("/v3/projects/:id") { request, context in
            try context.requireAdmin("identity:update_project")
            var row = try await find(try context.parameters.require("id"), ctx)
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "project")
            if let name = try body.string("name", maxLength: 64) { row.name = name }
            if let d = try body.string("description", allowEmpty: true, maxLength: 65_535) { row.description = d }
            if let e = try body.bool("enabled") { row.enabled = e }
            if let t = try body.strings("tags") { row.tags = t.joined(separator: ",") }
            let updated = row
            try await ctx.store.write { db in
                if try Queries.exists(ProjectRow.self, Column("name") == updated.name && Column("domainId") == updated.domainId && Column("id") != updated.id, in: db) {
                    throw duplicate(updated.name, updated.id)
                }
                try updated.update(db)
            }
            await ctx.tokens.flush()
            return ctx.entity("project", Representation.project(updated, context.baseURL))
        }
        router.delete("/v3/projects/:id") { _, context in
            try context.requireAdmin("identity:delete_project")
            let row = try await find(try context.parameters.require("id"), ctx)
            try await ctx.store.write { db in
                try db.execute(sql: "DELETE FROM assignment WHERE targetKind = 'project' AND targetId = ?", arguments: [row.id])
                try db.execute(sql: "UPDATE token SET revoked = 1 WHERE projectId = ?", arguments: [row.id])
                try db.execute(sql: "UPDATE user SET defaultProjectId = NULL WHERE defaultProjectId = ?", arguments: [row.id])
                _ = try row.delete(db)
            }
            await ctx.tokens.flush()
            return JSONResponse.empty()
        }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> ProjectRow {
        try await ctx.find(ProjectRow.self, id, kind: "project")
    }

    static func duplicate(_ name: String, _ id: String) -> APIError {
        APIError.conflict("Conflict occurred attempting to store project - it is not permitted to have two projects with either the same name or same id in the same domain: name is \(name), project id \(id).")
    }
}
