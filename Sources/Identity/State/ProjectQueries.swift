import GRDB

/// Projects in the database.
extension IdentityTransaction {
    /// Every project by name.
    func projects() throws -> [ProjectRow] { try ProjectRow.order(Column("name")).fetchAll(db) }
    /// The project with `id`.
    func project(_ id: String) throws -> ProjectRow? { try fetch(ProjectRow.self, id) }
    /// The projects called `name` in a domain.
    func projects(named name: String, inDomain domainID: String) throws -> [ProjectRow] {
        try ProjectRow.filter(Column("name") == name && Column("domainId") == domainID).fetchAll(db)
    }
    /// Enabled projects on which `userID` holds any role.
    func projects(ofUser userID: String) throws -> [ProjectRow] {
        try ProjectRow.fetchAll(db, sql: """
            SELECT DISTINCT project.* FROM project JOIN assignment ON assignment.targetId = project.id
            WHERE assignment.targetKind = 'project' AND assignment.userId = ? AND project.enabled ORDER BY project.name
            """, arguments: [userID])
    }
    func insert(_ row: ProjectRow) throws { try row.insert(db) }
    func update(_ row: ProjectRow) throws { try row.update(db) }

    /// Deletes a project with its assignments; its tokens are revoked and users lose it as default project.
    func deleteProject(_ row: ProjectRow) throws {
        try db.execute(sql: "DELETE FROM assignment WHERE targetKind = 'project' AND targetId = ?", arguments: [row.id])
        try db.execute(sql: "UPDATE token SET revoked = 1 WHERE projectId = ?", arguments: [row.id])
        try db.execute(sql: "UPDATE user SET defaultProjectId = NULL WHERE defaultProjectId = ?", arguments: [row.id])
        _ = try row.delete(db)
    }
}
