import OpenStackAPI

/// `GET /v3/role_assignments` filters, typed.
struct AssignmentQuery: Sendable {
    /// The query parameters this route handles itself (the list query ignores them).
    static let ownFilters: Set<String> = ["user.id", "role.id", "scope.project.id", "scope.domain.id", "scope.system", "effective",
                                          "include_names", "include_subtree", "group.id"]
    var user: String?
    var role: String?
    var project: String?
    var domain: String?
    var system = false
    var group = false
    var effective = false
    var includeNames = false

    /// The assignments that match, with implied roles added when `effective`.
    func apply(_ rows: [AssignmentRow], roles: [RoleRow]) -> [AssignmentRow] {
        var rows = rows
        if effective {
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
        if let u = user { rows = rows.filter { $0.userId == u } }
        if let r = role { rows = rows.filter { $0.roleId == r } }
        if let p = project { rows = rows.filter { $0.targetKind == "project" && $0.targetId == p } }
        if let d = domain { rows = rows.filter { $0.targetKind == "domain" && $0.targetId == d } }
        if system { rows = rows.filter { $0.targetKind == "system" } }
        return rows
    }
}
