import GRDB
import Hummingbird
import OpenStackAPI

/// `GET /v3/role_assignments` with `user.id`, `role.id`, `scope.project.id`, `scope.domain.id`, `scope.system`,
/// `effective` and `include_names`.
enum AssignmentRoutes {
    static let ownFilters: Set<String> = ["user.id", "role.id", "scope.project.id", "scope.domain.id", "scope.system", "effective",
                                          "include_names", "include_subtree", "group.id"]

    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/role_assignments") { request, context in
            let auth = try context.requireAuth()
            let userFilter = request.query("user.id")
            try auth.require(auth.isAdmin || (userFilter == auth.userID && userFilter != nil), "identity:list_role_assignments")
            if request.query("group.id") != nil {
                return JSONResponse.make(status: 200, body: ["role_assignments": [], "links": CollectionLinks.keystone(selfURL: context.baseURL + request.uri.string)])
            }
            let effective = request.query("effective") != nil
            let names = ["true", "1", ""].contains(request.query("include_names")?.lowercased() ?? "no")
            let rows = try await ctx.store.read { db in try load(request, effective: effective, in: db) }
            let objects = try await ctx.store.read { db in try rows.map { try render($0, names: names, base: context.baseURL, in: db) } }
            return try ctx.list("role_assignments", objects, request, context, ignore: ownFilters)
        }
    }

    private static func load(_ request: Request, effective: Bool, in db: Database) throws -> [AssignmentRow] {
        var rows = try AssignmentRow.order(Column("userId"), Column("targetKind"), Column("targetId")).fetchAll(db)
        if effective {
            let roles = try RoleRow.fetchAll(db)
            let byID = Dictionary(uniqueKeysWithValues: roles.map { ($0.id, $0) })
            let byName = Dictionary(uniqueKeysWithValues: roles.map { ($0.name, $0) })
            var seen = Set(rows)
            for row in rows {
                guard let name = byID[row.roleId]?.name, let role = Role(rawValue: name) else { continue }
                for implied in role.implied.dropFirst() {
                    guard let r = byName[implied.rawValue] else { continue }
                    let extra = AssignmentRow(userId: row.userId, targetKind: row.targetKind, targetId: row.targetId, roleId: r.id)
                    if seen.insert(extra).inserted { rows.append(extra) }
                }
            }
        }
        if let u = request.query("user.id") { rows = rows.filter { $0.userId == u } }
        if let r = request.query("role.id") { rows = rows.filter { $0.roleId == r } }
        if let p = request.query("scope.project.id") { rows = rows.filter { $0.targetKind == "project" && $0.targetId == p } }
        if let d = request.query("scope.domain.id") { rows = rows.filter { $0.targetKind == "domain" && $0.targetId == d } }
        if request.query("scope.system") != nil { rows = rows.filter { $0.targetKind == "system" } }
        return rows
    }

    private static func render(_ a: AssignmentRow, names: Bool, base: String, in db: Database) throws -> JSONObject {
        func domainRef(_ id: String) throws -> JSON {
            ["id": .string(id), "name": .string(try DomainRow.fetchOne(db, key: id)?.name ?? "")]
        }
        var user: JSONObject = ["id": .string(a.userId)]
        var role: JSONObject = ["id": .string(a.roleId)]
        var scope: JSONObject
        let path: String
        switch a.targetKind {
        case "project":
            var p: JSONObject = ["id": .string(a.targetId)]
            if names, let row = try ProjectRow.fetchOne(db, key: a.targetId) { p["name"] = .string(row.name); p["domain"] = try domainRef(row.domainId) }
            scope = ["project": .object(p)]
            path = "projects/\(a.targetId)"
        case "domain":
            var d: JSONObject = ["id": .string(a.targetId)]
            if names, let row = try DomainRow.fetchOne(db, key: a.targetId) { d["name"] = .string(row.name) }
            scope = ["domain": .object(d)]
            path = "domains/\(a.targetId)"
        default:
            scope = ["system": ["all": true]]
            path = "system"
        }
        if names, let u = try UserRow.fetchOne(db, key: a.userId) { user["name"] = .string(u.name); user["domain"] = try domainRef(u.domainId) }
        if names, let r = try RoleRow.fetchOne(db, key: a.roleId) { role["name"] = .string(r.name) }
        return ["links": ["assignment": .string("\(base)/v3/\(path)/users/\(a.userId)/roles/\(a.roleId)")],
                "scope": .object(scope), "user": .object(user), "role": .object(role)]
    }
}
