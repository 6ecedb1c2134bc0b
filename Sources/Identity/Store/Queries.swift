import GRDB

/// Queries shared by several routes.
enum Queries {
    /// Enabled projects on which `userID` holds any role.
    static func projects(ofUser userID: String, in db: Database) throws -> [ProjectRow] {
        try ProjectRow.fetchAll(db, sql: """
            SELECT DISTINCT project.* FROM project JOIN assignment ON assignment.targetId = project.id
            WHERE assignment.targetKind = 'project' AND assignment.userId = ? AND project.enabled ORDER BY project.name
            """, arguments: [userID])
    }

    /// Whether a unique name is taken.
    static func exists<R: TableRecord>(_ type: R.Type, _ predicate: some SQLSpecificExpressible, in db: Database) throws -> Bool {
        try R.filter(predicate).fetchCount(db) > 0
    }
}
