/// What a domain create, update or delete becomes, and when the store must refuse it.
enum DomainRules {
    /// The new domain.
    static func create(_ r: DomainCreate) -> DomainRow {
        DomainRow(id: ResourceID.make(), name: r.name, description: r.description ?? "", enabled: r.enabled ?? true)
    }

    /// The domain after an update.
    static func update(_ row: DomainRow, _ r: DomainUpdate) -> DomainRow {
        var row = row
        if let name = r.name { row.name = name }
        if let d = r.description { row.description = d }
        if let e = r.enabled { row.enabled = e }
        return row
    }

    /// Domain names are unique.
    static func checkName(_ row: DomainRow, sameName: [DomainRow]) throws(IdentityError) {
        guard !sameName.contains(where: { $0.id != row.id }) else {
            throw .conflict("Conflict occurred attempting to store domain - Duplicate entry found with name \(row.name).")
        }
    }

    /// Only a disabled domain may be deleted.
    static func checkDelete(_ row: DomainRow) throws(IdentityError) {
        guard !row.enabled else { throw .init(.forbidden, "Cannot delete a domain that is enabled, please disable it first.") }
    }
}
