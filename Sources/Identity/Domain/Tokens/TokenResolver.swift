import Foundation

/// Joins a token row with the current user, target and roles; nil when any of them no longer allows the token.
enum TokenResolver {
    static func resolve(_ row: TokenRow, now: Date, in tx: IdentityTransaction) throws -> ResolvedToken? {
        guard !row.revoked, row.expiresAt > now.timeIntervalSince1970,
              let user = try tx.user(row.userId), user.enabled,
              let userDomain = try tx.domain(user.domainId), userDomain.enabled else { return nil }
        var resolved = ResolvedToken(row: row, user: user, userDomain: userDomain, roles: [])
        let target: (kind: String, id: String)
        if let projectID = row.projectId {
            guard let project = try tx.project(projectID), project.enabled,
                  let domain = try tx.domain(project.domainId), domain.enabled else { return nil }
            resolved.project = project
            resolved.projectDomain = domain
            target = ("project", projectID)
        } else if let domainID = row.domainId {
            guard let domain = try tx.domain(domainID), domain.enabled else { return nil }
            resolved.domain = domain
            target = ("domain", domainID)
        } else if row.system {
            target = ("system", "all")
        } else {
            return resolved
        }
        resolved.roles = try effectiveRoles(userID: user.id, kind: target.kind, targetID: target.id, in: tx)
        return resolved.roles.isEmpty ? nil : resolved
    }

    /// Directly assigned roles plus the roles they imply (admin → member → reader), in Keystone's order.
    static func effectiveRoles(userID: String, kind: String, targetID: String, in tx: IdentityTransaction) throws -> [RoleRow] {
        let direct = try tx.directRoles(userID: userID, kind: kind, targetID: targetID)
        return direct.isEmpty ? [] : RoleRules.effective(direct: direct, all: try tx.roles())
    }
}
