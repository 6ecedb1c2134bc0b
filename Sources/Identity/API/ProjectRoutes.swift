import Hummingbird
import OpenStackAPI

/// `/v3/projects` CRUD; members may read their own project.
enum ProjectRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/projects") { request, context in
            try context.requireAdmin("identity:list_projects")
            let rows = try await ctx.store.read { tx in try tx.projects() }
            return try ctx.list("projects", rows.map { Representation.project($0, context.baseURL) }, request, context)
        }
        router.get("/v3/projects/:id") { _, context in
            let auth = try context.requireAuth()
            let id = try context.parameters.require("id")
            try IdentityPolicy.getProject(auth, id)
            return ctx.entity("project", Representation.project(try await find(id, ctx), context.baseURL))
        }
        router.post("/v3/projects") { request, context in
            let auth = try context.requireAuth()
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "project")
            try IdentityPolicy.require(auth.isAdmin, "identity:create_project")
            let row = try ProjectRules.create(try ProjectDecoding.create(body), auth)
            try await ctx.store.write { tx in
                try ProjectRules.checkCreate(row, domain: try tx.domain(row.domainId), sameName: try tx.projects(named: row.name, inDomain: row.domainId))
                try tx.insert(row)
            }
            return ctx.entity("project", Representation.project(row, context.baseURL), status: 201)
        }
        router.patch("/v3/projects/:id") { request, context in
            try context.requireAdmin("identity:update_project")
            let row = try await find(try context.parameters.require("id"), ctx)
            let update = try ProjectDecoding.update(try BodyReader(try await request.jsonObject(context: context), entity: "project"))
            let updated = ProjectRules.update(row, update)
            try await ctx.store.write { tx in
                try ProjectRules.checkName(updated, sameName: try tx.projects(named: updated.name, inDomain: updated.domainId))
                try tx.update(updated)
            }
            await ctx.tokens.flush()
            return ctx.entity("project", Representation.project(updated, context.baseURL))
        }
        router.delete("/v3/projects/:id") { _, context in
            try context.requireAdmin("identity:delete_project")
            let row = try await find(try context.parameters.require("id"), ctx)
            try await ctx.store.write { tx in try tx.deleteProject(row) }
            await ctx.tokens.flush()
            return JSONResponse.empty()
        }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> ProjectRow {
        try await ctx.store.read { tx in try tx.project(id) }.found("project", id)
    }
}
