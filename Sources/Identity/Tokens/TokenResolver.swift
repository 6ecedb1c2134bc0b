import Foundation
import GRDB
import OpenStackAPI

/// Joins a token row with the current user, target and roles; nil when any of them no longer allows the token.
enum TokenResolver {
    static func resolve(_ row: TokenRow, now: Date, in db: Database) throws -> ResolvedToken? {
        guard !row.revoked, row.expiresAt > now.timeIntervalSince1970,
              let user = try UserRow.fetchOne(db, key: row.userId), user.enabled,
              let userDomain = try DomainRow.fetchOne(db, key: user.domainId), userDomain.enabled else { return nil }
        var resolved = ResolvedToken(row: row, user: user, userDomain: userDomain, roles: [])
        let target: (kind: String, id: String)
        if let projectID = row.projectId {
            guard let project = try ProjectRow.fetchOne(db, key: projectID), project.enabled,
                  let domain = try DomainRow.fetchOne(db, key: project.domainId), domain.enabled else { return nil }
            resolved.project = project
            resolved.projectDomain = domain
            target = ("project", projectID)
        } else if let domainID = row.domainId {
            guard let domain = try DomainRow.fetchOne(db, key: domainID), domain.enabled else { return nil }
            resolved.domain = domain
            target = ("domain", domainID)
        } else if row.system {
            target = ("system", "all")
        } else {
            return resolved
        }
        resolved.roles = try effectiveRoles(userID: user.id, kind: target.kind, targetID: target.id, in: db)
        return resolved.roles.isEmpty ? nil : resolved
    }

    /// Directly assigned roles plus the roles they imply (admin → member → reader), in Keystone's order.
    static func effectiveRoles(userID: String, kind: String, targetID: String, in db: Database) throws -> [RoleRow] {
        let direct = try RoleRow.fetchAll(db, sql: """
            SELECT role.* FROM role JOIN assignment ON assignment.roleId = role.id
            WHERE assignment.userId = ? AND assignment.targetKind = ? AND assignment.targetId = ? ORDER BY role.name
            """, arguments: [userID, kind, targetID])
        var names = Set(direct.map(\.name))
        for role in direct { if let r = Role(rawValue: role.name) { names.formUnion(r.implied.map(\.rawValue)) } }
        let implied = try RoleRow.filter(names.contains(Column("name"))).fetchAll(db)
        let directIDs = Set(direct.map(\.id))
        return implied.filter { !directIDs.contains($0.id) }.sorted { $0.name > $1.name } + direct
    }
}
