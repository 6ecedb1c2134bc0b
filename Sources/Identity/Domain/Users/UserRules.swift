import OpenStackAPI

/// What a user create or update becomes, and when the store must refuse it.
enum UserRules {
    /// Members handled by the user columns; anything else is kept in `extra` and echoed (e.g. `email`).
    static let columns: Set<String> = ["id", "name", "domain_id", "enabled", "default_project_id", "password", "links", "options", "password_expires_at"]

    /// The new user; `hash` is the PBKDF2 string of the password, if one was given.
    static func create(_ r: UserCreate, _ auth: AuthContext, hash: String?) -> UserRow {
        UserRow(id: ResourceID.make(), name: r.name, domainId: r.domainID ?? IdentityPolicy.defaultDomain(auth), enabled: r.enabled ?? true,
                defaultProjectId: r.defaultProjectID, passwordHash: hash, extra: JSON.object(r.extra).text)
    }

    /// A new user needs its domain, its default project (when named) and a name free in the domain.
    static func checkCreate(_ row: UserRow, domain: DomainRow?, defaultProject: ProjectRow?, sameName: [UserRow]) throws(IdentityError) {
        guard domain != nil else { throw .notFound("domain", row.domainId) }
        if let p = row.defaultProjectId, defaultProject == nil { throw .notFound("project", p) }
        try checkName(row, sameName: sameName)
    }

    /// The user after an update; `hash` replaces the password when given.
    static func update(_ row: UserRow, _ r: UserUpdate, hash: String?) -> UserRow {
        var row = row
        if let name = r.name { row.name = name }
        if let e = r.enabled { row.enabled = e }
        if let p = r.defaultProjectID { row.defaultProjectId = p }
        if let hash { row.passwordHash = hash }
        var merged = (try? JSONParser.parse(Array(row.extra.utf8)).object) ?? [:]
        for (k, v) in r.extra { merged[k] = v }
        row.extra = JSON.object(merged).text
        return row
    }

    /// Names are unique within a domain.
    static func checkName(_ row: UserRow, sameName: [UserRow]) throws(IdentityError) {
        guard !sameName.contains(where: { $0.id != row.id }) else {
            throw .conflict("Conflict occurred attempting to store user - Duplicate entry found with name \(row.name) at domain ID \(row.domainId).")
        }
    }

    /// An update revokes the user's tokens when it changes the password or disables the user.
    static func revokesTokens(_ r: UserUpdate, after row: UserRow) -> Bool { r.password != nil || !row.enabled }
}
