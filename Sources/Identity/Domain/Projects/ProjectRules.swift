import OpenStackAPI

/// What a project create or update becomes, and when the store must refuse it.
enum ProjectRules {
    /// The new project; hierarchies and projects acting as domains are refused (501).
    static func create(_ r: ProjectCreate, _ auth: AuthContext) throws(IdentityError) -> ProjectRow {
        let domainID = r.domainID ?? IdentityPolicy.defaultDomain(auth)
        if let parent = r.parentID, parent != domainID { throw .init(.notImplemented, "Project hierarchies are not supported.") }
        if r.isDomain == true { throw .init(.notImplemented, "Projects acting as domains are not supported.") }
        return ProjectRow(id: ResourceID.make(), name: r.name, domainId: domainID, description: r.description ?? "",
                          enabled: r.enabled ?? true, tags: (r.tags ?? []).joined(separator: ","))
    }

    /// A new project needs its domain and a name free in the domain.
    static func checkCreate(_ row: ProjectRow, domain: DomainRow?, sameName: [ProjectRow]) throws(IdentityError) {
        guard domain != nil else { throw .notFound("domain", row.domainId) }
        try checkName(row, sameName: sameName)
    }

    /// The project after an update.
    static func update(_ row: ProjectRow, _ r: ProjectUpdate) -> ProjectRow {
        var row = row
        if let name = r.name { row.name = name }
        if let d = r.description { row.description = d }
        if let e = r.enabled { row.enabled = e }
        if let t = r.tags { row.tags = t.joined(separator: ",") }
        return row
    }

    /// Names are unique within a domain.
    static func checkName(_ row: ProjectRow, sameName: [ProjectRow]) throws(IdentityError) {
        guard !sameName.contains(where: { $0.id != row.id }) else {
            throw .conflict("Conflict occurred attempting to store project - it is not permitted to have two projects with either the same name or same id in the same domain: name is \(row.name), project id \(row.id).")
        }
    }
}
