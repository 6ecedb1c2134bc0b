import GRDB

/// Users in the database.
extension IdentityTransaction {
    /// Every user by name.
    func users() throws -> [UserRow] { try UserRow.order(Column("name")).fetchAll(db) }
    /// The user with `id`.
    func user(_ id: String) throws -> UserRow? { try fetch(UserRow.self, id) }
    /// The users called `name` in a domain.
    func users(named name: String, inDomain domainID: String) throws -> [UserRow] {
        try UserRow.filter(Column("name") == name && Column("domainId") == domainID).fetchAll(db)
    }
    func insert(_ row: UserRow) throws { try row.insert(db) }
    func update(_ row: UserRow) throws { try row.update(db) }

    /// Deletes a user and their assignments.
    func deleteUser(_ row: UserRow) throws {
        try db.execute(sql: "DELETE FROM assignment WHERE userId = ?", arguments: [row.id])
        _ = try row.delete(db)
    }
}
