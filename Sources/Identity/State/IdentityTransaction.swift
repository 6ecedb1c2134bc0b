import GRDB

/// One read snapshot or write transaction of the identity database, with typed queries per resource
/// (the extensions in `State/`); callers never see SQL or GRDB.
struct IdentityTransaction {
    let db: Database

    /// The row of `type` with primary key `id`.
    func fetch<R: FetchableRecord & TableRecord>(_ type: R.Type, _ id: String) throws -> R? { try R.fetchOne(db, key: id) }
}
