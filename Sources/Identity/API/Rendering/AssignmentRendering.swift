import OpenStackAPI

/// A role assignment as `GET /v3/role_assignments` lists it, with names looked up when asked for.
enum AssignmentRendering {
    static func assignment(_ a: AssignmentRow, names: Bool, base: String, in tx: IdentityTransaction) throws -> JSONObject {
        func domainRef(_ id: String) throws -> JSON {
            ["id": .string(id), "name": .string(try tx.domain(id)?.name ?? "")]
        }
        var user: JSONObject = ["id": .string(a.userId)]
        var role: JSONObject = ["id": .string(a.roleId)]
        var scope: JSONObject
        let path: String
        switch a.targetKind {
        case "project":
            var p: JSONObject = ["id": .string(a.targetId)]
            if names, let row = try tx.project(a.targetId) { p["name"] = .string(row.name); p["domain"] = try domainRef(row.domainId) }
            scope = ["project": .object(p)]
            path = "projects/\(a.targetId)"
        case "domain":
            var d: JSONObject = ["id": .string(a.targetId)]
            if names, let row = try tx.domain(a.targetId) { d["name"] = .string(row.name) }
            scope = ["domain": .object(d)]
            path = "domains/\(a.targetId)"
        default:
            scope = ["system": ["all": true]]
            path = "system"
        }
        if names, let u = try tx.user(a.userId) { user["name"] = .string(u.name); user["domain"] = try domainRef(u.domainId) }
        if names, let r = try tx.role(a.roleId) { role["name"] = .string(r.name) }
        return ["links": ["assignment": .string("\(base)/v3/\(path)/users/\(a.userId)/roles/\(a.roleId)")],
                "scope": .object(scope), "user": .object(user), "role": .object(role)]
    }
}
