import OpenStackAPI

/// What a role create or update becomes, which roles are immutable, and which roles a grant implies.
enum RoleRules {
    static func create(_ r: RoleCreate) -> RoleRow { RoleRow(id: ResourceID.make(), name: r.name, description: r.description) }

    /// The role after an update.
    static func update(_ row: RoleRow, _ r: RoleUpdate) -> RoleRow {
        var row = row
        if let name = r.name { row.name = name }
        if let d = r.description { row.description = d }
        return row
    }

    /// Role names are unique.
    static func checkName(_ row: RoleRow, sameName: [RoleRow]) throws(IdentityError) {
        guard !sameName.contains(where: { $0.id != row.id }) else {
            throw .conflict("Conflict occurred attempting to store role - Duplicate entry found with name \(row.name).")
        }
    }

    /// The bootstrap roles (admin, member, reader) are neither changed nor deleted.
    static func checkMutable(_ row: RoleRow) throws(IdentityError) {
        guard Role(rawValue: row.name) == nil else { throw .init(.forbidden, "Resource \(row.id) is immutable.") }
    }

    /// Direct roles plus the roles they imply (admin → member → reader), in Keystone's order; `all` is every role.
    static func effective(direct: [RoleRow], all: [RoleRow]) -> [RoleRow] {
        var names = Set(direct.map(\.name))
        for role in direct { if let r = Role(rawValue: role.name) { names.formUnion(r.implied.map(\.rawValue)) } }
        let directIDs = Set(direct.map(\.id))
        return all.filter { names.contains($0.name) && !directIDs.contains($0.id) }.sorted { $0.name > $1.name } + direct
    }
}
