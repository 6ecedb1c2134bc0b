import GRDB

/// Domains in the database.
extension IdentityTransaction {
    /// Every domain by name.
    func domains() throws -> [DomainRow] { try DomainRow.order(Column("name")).fetchAll(db) }
    /// The domain with `id`.
    func domain(_ id: String) throws -> DomainRow? { try fetch(DomainRow.self, id) }
    /// The domains called `name` (at most one; the rules decide what a clash means).
    func domains(named name: String) throws -> [DomainRow] { try DomainRow.filter(Column("name") == name).fetchAll(db) }
    /// The domain a reference names, by id or by name.
    func domain(_ ref: AuthRequest.DomainRef) throws -> DomainRow? {
        switch ref {
        case .id(let id): try domain(id)
        case .name(let name): try domains(named: name).first
        }
    }
    func insert(_ row: DomainRow) throws { try row.insert(db) }
    func update(_ row: DomainRow) throws { try row.update(db) }

    /// Deletes a domain with its users and projects, their assignments, and revokes its users' tokens.
    func deleteDomain(_ row: DomainRow) throws {
        let users = try String.fetchAll(db, sql: "SELECT id FROM user WHERE domainId = ?", arguments: [row.id])
        let projects = try String.fetchAll(db, sql: "SELECT id FROM project WHERE domainId = ?", arguments: [row.id])
        try db.execute(sql: "DELETE FROM assignment WHERE userId IN (SELECT id FROM user WHERE domainId = ?)", arguments: [row.id])
        for p in projects { try db.execute(sql: "DELETE FROM assignment WHERE targetKind = 'project' AND targetId = ?", arguments: [p]) }
        try db.execute(sql: "DELETE FROM assignment WHERE targetKind = 'domain' AND targetId = ?", arguments: [row.id])
        for u in users { try db.execute(sql: "UPDATE token SET revoked = 1 WHERE userId = ?", arguments: [u]) }
        try db.execute(sql: "DELETE FROM user WHERE domainId = ?", arguments: [row.id])
        try db.execute(sql: "DELETE FROM project WHERE domainId = ?", arguments: [row.id])
        _ = try row.delete(db)
    }

    /// Enabled domains on which `userID` holds a role.
    func domains(ofUser userID: String) throws -> [DomainRow] {
        try DomainRow.fetchAll(db, sql: """
            SELECT DISTINCT domain.* FROM domain JOIN assignment ON assignment.targetId = domain.id
            WHERE assignment.targetKind = 'domain' AND assignment.userId = ? AND domain.enabled
            """, arguments: [userID])
    }
}
