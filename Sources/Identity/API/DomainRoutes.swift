import Hummingbird
import OpenStackAPI

/// `/v3/domains` CRUD (admin), `GET /v3/domains/{id}` also for members of the domain.
enum DomainRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/domains") { request, context in
            let auth = try context.requireAuth()
            let domains = try await ctx.store.read { tx in try tx.domains() }
            let visible = IdentityPolicy.visibleDomains(domains, auth)
            return try ctx.list("domains", visible.map { Representation.domain($0, context.baseURL) }, request, context)
        }
        router.get("/v3/domains/:id") { _, context in
            let auth = try context.requireAuth()
            let id = try context.parameters.require("id")
            try IdentityPolicy.getDomain(auth, id)
            return ctx.entity("domain", Representation.domain(try await find(id, ctx), context.baseURL))
        }
        router.post("/v3/domains") { request, context in
            try context.requireAdmin("identity:create_domain")
            let row = DomainRules.create(try DomainDecoding.create(try BodyReader(try await request.jsonObject(context: context), entity: "domain")))
            try await ctx.store.write { tx in
                try DomainRules.checkName(row, sameName: try tx.domains(named: row.name))
                try tx.insert(row)
            }
            return ctx.entity("domain", Representation.domain(row, context.baseURL), status: 201)
        }
        router.patch("/v3/domains/:id") { request, context in
            try context.requireAdmin("identity:update_domain")
            let row = try await find(try context.parameters.require("id"), ctx)
            let updated = DomainRules.update(row, try DomainDecoding.update(try BodyReader(try await request.jsonObject(context: context), entity: "domain")))
            try await ctx.store.write { tx in
                try DomainRules.checkName(updated, sameName: try tx.domains(named: updated.name))
                try tx.update(updated)
            }
            await ctx.tokens.flush()
            return ctx.entity("domain", Representation.domain(updated, context.baseURL))
        }
        router.delete("/v3/domains/:id") { _, context in
            try context.requireAdmin("identity:delete_domain")
            let row = try await find(try context.parameters.require("id"), ctx)
            try DomainRules.checkDelete(row)
            try await ctx.store.write { tx in try tx.deleteDomain(row) }
            await ctx.tokens.flush()
            return JSONResponse.empty()
        }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> DomainRow {
        try await ctx.store.read { tx in try tx.domain(id) }.found("domain", id)
    }
}
