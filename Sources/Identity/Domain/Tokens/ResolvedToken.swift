import Foundation
import OpenStackAPI

/// A stored token joined with its user, scope target and effective roles; valid by construction.
struct ResolvedToken: Sendable {
    var row: TokenRow
    var user: UserRow
    var userDomain: DomainRow
    var project: ProjectRow?
    var projectDomain: DomainRow?
    var domain: DomainRow?
    var roles: [RoleRow]

    /// The caller as seen by policy checks.
    var context: AuthContext {
        AuthContext(userID: user.id, userName: user.name, userDomainID: user.domainId,
                    projectID: project?.id, projectName: project?.name, projectDomainID: project?.domainId,
                    domainID: domain?.id, system: row.system, roles: roles.map(\.name),
                    expiresAt: Date(timeIntervalSince1970: row.expiresAt))
    }
}
