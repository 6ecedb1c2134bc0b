import GRDB
import Hummingbird
import OpenStackAPI

/// `/v3/users` CRUD, `GET /v3/users/{id}/projects` and `POST /v3/users/{id}/password`.
enum UserRoutes {
    /// Members handled by the user columns; anything else is kept in `extra` and echoed (e.g. `email`).
    static let columns: Set<String> = ["id", "name", "domain_id", "enabled", "default_project_id", "password", "links", "options", "password_expires_at"]

    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/users") { request, context in
            try context.requireAdmin("identity:list_users")
            let rows = try await ctx.store.read { db in try UserRow.order(Column("name")).fetchAll(db) }
            return try ctx.list("users", rows.map { Representation.user($0, context.baseURL) }, request, context)
        }
        router.get("/v3/users/:id") { _, context in
            let auth = try context.requireAuth()
            let id = try context.parameters.require("id")
            try auth.require(auth.isAdmin || auth.userID == id, "identity:get_user")
            return ctx.entity("user", Representation.user(try await find(id, ctx), context.baseURL))
        }
        router.get("/v3/users/:id/projects") { request, context in
            let auth = try context.requireAuth()
            let id = try context.parameters.require("id")
            try auth.require(auth.isAdmin || auth.userID == id, "identity:list_user_projects")
            _ = try await find(id, ctx)
            let rows = try await ctx.store.read { db in try Queries.projects(ofUser: id, in: db) }
            return try ctx.list("projects", rows.map { Representation.project($0, context.baseURL) }, request, context)
        }
        router.post("/v3/users") { request, context in
            let auth = try context.requireAuth()
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "user")
            try auth.require(auth.isAdmin, "identity:create_user")
            let name = try body.string("name", required: true)!
            let domainID = try body.string("domain_id") ?? auth.projectDomainID ?? auth.domainID ?? "default"
            let password = try body.string("password", allowEmpty: true, maxLength: 4096)
            let hash = try password.map { try ctx.hasher.hash($0) }
            let row = UserRow(id: ResourceID.make(), name: name, domainId: domainID, enabled: try body.bool("enabled") ?? true,
                              defaultProjectId: try body.string("default_project_id"), passwordHash: hash, extra: extra(body.object))
            try await ctx.store.write { db in
                guard try DomainRow.fetchOne(db, key: domainID) != nil else { throw APIError.notFound("domain", domainID) }
                if let p = row.defaultProjectId, try ProjectRow.fetchOne(db, key: p) == nil { throw APIError.notFound("project", p) }
                if try Queries.exists(UserRow.self, Column("name") == name && Column("domainId") == domainID, in: db) {
                    throw duplicate(name, domainID)
                }
                try row.insert(db)
            }
            return ctx.entity("user", Representation.user(row, context.baseURL), status: 201)
        }
        router.patch("/v3/users/:id") { request, context in
            try context.requireAdmin("identity:update_user")
            var row = try await find(try context.parameters.require("id"), ctx)
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "user")
            if let name = try body.string("name") { row.name = name }
            if let e = try body.bool("enabled") { row.enabled = e }
            if body.object["default_project_id"] != nil { row.defaultProjectId = try body.string("default_project_id") }
            let password = try body.string("password", allowEmpty: true, maxLength: 4096)
            if let password { row.passwordHash = try ctx.hasher.hash(password) }
            var merged = (try? JSONParser.parse(Array(row.extra.utf8)).object) ?? [:]
            for (k, v) in body.object where !columns.contains(k) { merged[k] = v }
            row.extra = JSON.object(merged).text
            let updated = row
            try await ctx.store.write { db in
                if try Queries.exists(UserRow.self, Column("name") == updated.name && Column("domainId") == updated.domainId && Column("id") != updated.id, in: db) {
                    throw duplicate(updated.name, updated.domainId)
                }
                try updated.update(db)
            }
            if password != nil || !updated.enabled { try await ctx.tokens.revokeAll(userID: updated.id) } else { await ctx.tokens.flush() }
            return ctx.entity("user", Representation.user(updated, context.baseURL))
        }
        // Like Keystone, the original password authenticates the change; no token is needed.
        router.post("/v3/users/:id/password") { request, context in
            let id = try context.parameters.require("id")
            let body = try BodyReader(try await request.jsonObject(context: context), entity: "user")
            let original = try body.string("original_password", required: true, allowEmpty: true, maxLength: 4096)!
            let new = try body.string("password", required: true, maxLength: 4096)!
            guard var row = try await ctx.store.read({ db in try UserRow.fetchOne(db, key: id) }), row.enabled,
                  let hash = row.passwordHash, ctx.hasher.verify(original, against: hash) else { throw APIError.unauthorized }
            row.passwordHash = try ctx.hasher.hash(new)
            let updated = row
            try await ctx.store.write { db in try updated.update(db) }
            try await ctx.tokens.revokeAll(userID: id)
            return JSONResponse.empty()
        }
        router.delete("/v3/users/:id") { _, context in
            try context.requireAdmin("identity:delete_user")
            let row = try await find(try context.parameters.require("id"), ctx)
            try await ctx.store.write { db in
                try db.execute(sql: "DELETE FROM assignment WHERE userId = ?", arguments: [row.id])
                _ = try row.delete(db)
            }
            try await ctx.tokens.revokeAll(userID: row.id)
            return JSONResponse.empty()
        }
    }

    static func find(_ id: String, _ ctx: IdentityContext) async throws -> UserRow {
        try await ctx.find(UserRow.self, id, kind: "user")
    }

    static func extra(_ object: JSONObject) -> String {
        JSON.object(JSONObject(object.members.filter { !columns.contains($0.key) }.map { ($0.key, $0.value) })).text
    }

    static func duplicate(_ name: String, _ domainID: String) -> APIError {
        APIError.conflict("Conflict occurred attempting to store user - Duplicate entry found with name \(name) at domain ID \(domainID).")
    }
}
