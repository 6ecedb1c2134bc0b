import OpenStackAPI

/// Keystone's default policy for the routes that are not admin-only: who may read what.
enum IdentityPolicy {
    /// Refuses `action` unless `allowed`.
    static func require(_ allowed: Bool, _ action: String) throws(IdentityError) {
        guard allowed else { throw .forbidden(action) }
    }

    /// Admins; or the user themself (`get_user`, `list_user_projects`).
    static func selfOrAdmin(_ auth: AuthContext, user id: String, _ action: String) throws(IdentityError) {
        try require(auth.isAdmin || auth.userID == id, action)
    }

    /// Admins; or members of the project's token scope.
    static func getProject(_ auth: AuthContext, _ id: String) throws(IdentityError) {
        try require(auth.isAdmin || auth.projectID == id, "identity:get_project")
    }

    /// Admins; or a caller whose user, project or token scope is in the domain.
    static func getDomain(_ auth: AuthContext, _ id: String) throws(IdentityError) {
        try require(auth.isAdmin || [auth.projectDomainID, auth.domainID, auth.userDomainID].contains(id), "identity:get_domain")
    }

    /// The domains a non-admin may list: their user's, their project's, their token scope's.
    static func visibleDomains(_ domains: [DomainRow], _ auth: AuthContext) -> [DomainRow] {
        auth.isAdmin ? domains : domains.filter { $0.id == auth.userDomainID || $0.id == auth.projectDomainID || $0.id == auth.domainID }
    }

    /// The domain new users and projects go to when the request names none: the caller's scope, else `default`.
    static func defaultDomain(_ auth: AuthContext) -> String { auth.projectDomainID ?? auth.domainID ?? "default" }

    /// Admins; or the user listing their own assignments.
    static func listAssignments(_ auth: AuthContext, userFilter: String?) throws(IdentityError) {
        try require(auth.isAdmin || (userFilter == auth.userID && userFilter != nil), "identity:list_role_assignments")
    }

    /// A token with a project, domain or system scope.
    static func getAuthCatalog(_ auth: AuthContext) throws(IdentityError) {
        try require(auth.projectID != nil || auth.domainID != nil || auth.system, "identity:get_auth_catalog")
    }
}
