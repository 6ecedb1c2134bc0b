import GRDB

/// Role assignments (grants) in the database.
extension IdentityTransaction {
    /// Every assignment, by user and target.
    func assignments() throws -> [AssignmentRow] {
        try AssignmentRow.order(Column("userId"), Column("targetKind"), Column("targetId")).fetchAll(db)
    }
    /// The roles granted directly to `userID` on one target, by name.
    func directRoles(userID: String, kind: String, targetID: String) throws -> [RoleRow] {
        try RoleRow.fetchAll(db, sql: """
            SELECT role.* FROM role JOIN assignment ON assignment.roleId = role.id
            WHERE assignment.userId = ? AND assignment.targetKind = ? AND assignment.targetId = ? ORDER BY role.name
            """, arguments: [userID, kind, targetID])
    }
    /// Whether `userID` holds any role on the system.
    func hasSystemRole(userID: String) throws -> Bool {
        try AssignmentRow.filter(Column("userId") == userID && Column("targetKind") == "system").fetchCount(db) > 0
    }
    /// Whether the assignment exists.
    func exists(_ row: AssignmentRow) throws -> Bool { try row.exists(db) }
    func save(_ row: AssignmentRow) throws { try row.save(db) }
    func insert(_ row: AssignmentRow) throws { try row.insert(db) }
    /// Removes the assignment; false when there was none.
    func delete(_ row: AssignmentRow) throws -> Bool { try row.delete(db) }
}
