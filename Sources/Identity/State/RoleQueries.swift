import GRDB

/// Roles in the database.
extension IdentityTransaction {
    /// Every role by name.
    func roles() throws -> [RoleRow] { try RoleRow.order(Column("name")).fetchAll(db) }
    /// The role with `id`.
    func role(_ id: String) throws -> RoleRow? { try fetch(RoleRow.self, id) }
    /// The roles called `name`.
    func roles(named name: String) throws -> [RoleRow] { try RoleRow.filter(Column("name") == name).fetchAll(db) }
    func insert(_ row: RoleRow) throws { try row.insert(db) }
    func update(_ row: RoleRow) throws { try row.update(db) }

    /// Deletes a role and every assignment of it.
    func deleteRole(_ row: RoleRow) throws {
        try db.execute(sql: "DELETE FROM assignment WHERE roleId = ?", arguments: [row.id])
        _ = try row.delete(db)
    }
}
