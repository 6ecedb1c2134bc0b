import Foundation
import GRDB
import ServiceDatabase

/// The compute database, the source of truth for flavors, keypairs, hosts and instances: one SQLite file
/// (WAL) holding each record as a JSON document under its kind and key. A batch is one transaction.
final class ComputeDatabase: Sendable {
    /// The kinds of records.
    enum Kind: String, Sendable { case flavor, keypair, host, instance, meta, quota }

    /// One write of a batch.
    enum Write: Sendable {
        case put(Kind, String, Data)
        case delete(Kind, String)
    }

    private let pool: DatabasePool

    /// Opens (creating if needed) `compute.sqlite` in `directory`.
    init(directory: URL) throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE record (kind TEXT NOT NULL, key TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID
                """)
        }
        pool = try ServiceDatabase.open(directory: directory, file: "compute.sqlite", migrator: migrator)
    }

    /// Every record of a kind, decoded.
    func loadAll<T: Decodable>(_ kind: Kind, as type: T.Type) throws -> [T] {
        let decoder = JSONDecoder()
        return try pool.read { db in try Data.fetchAll(db, sql: "SELECT body FROM record WHERE kind = ?", arguments: [kind.rawValue]) }
            .map { try decoder.decode(T.self, from: $0) }
    }

    /// Writes a batch in one transaction.
    func commit(_ writes: [Write]) throws {
        guard !writes.isEmpty else { return }
        try pool.write { db in
            for write in writes {
                switch write {
                case .put(let kind, let key, let body):
                    try db.execute(sql: "INSERT OR REPLACE INTO record (kind, key, body) VALUES (?, ?, ?)", arguments: [kind.rawValue, key, body])
                case .delete(let kind, let key):
                    try db.execute(sql: "DELETE FROM record WHERE kind = ? AND key = ?", arguments: [kind.rawValue, key])
                }
            }
        }
    }
}

/// A batch of record changes for the store to commit: SQLite first, then memory.
struct Batch: Sendable {
    var flavors: [Flavor] = []
    var deletedFlavors: [String] = []
    var keypairs: [Keypair] = []
    var deletedKeypairs: [Keypair] = []
    var hosts: [ComputeHost] = []
    var instances: [Instance] = []
    var deletedInstances: [String] = []
    /// Quota sets by project; a nil set goes back to the defaults.
    var quotas: [String: QuotaSet?] = [:]

    /// The database writes of this batch.
    func writes() throws -> [ComputeDatabase.Write] {
        let encoder = JSONEncoder()
        var out: [ComputeDatabase.Write] = []
        for f in flavors { out.append(.put(.flavor, f.id, try encoder.encode(f))) }
        for id in deletedFlavors { out.append(.delete(.flavor, id)) }
        for k in keypairs { out.append(.put(.keypair, Keypair.key(k.userID, k.name), try encoder.encode(k))) }
        for k in deletedKeypairs { out.append(.delete(.keypair, Keypair.key(k.userID, k.name))) }
        for h in hosts { out.append(.put(.host, h.name, try encoder.encode(h))) }
        for i in instances { out.append(.put(.instance, i.id, try encoder.encode(i))) }
        for id in deletedInstances { out.append(.delete(.instance, id)) }
        for (project, quota) in quotas {
            out.append(try quota.map { .put(.quota, project, try encoder.encode(StoredQuota(project: project, quota: $0))) } ?? .delete(.quota, project))
        }
        return out
    }
}

/// A project's quota set as stored.
struct StoredQuota: Codable, Sendable {
    var project: String
    var quota: QuotaSet
}

extension Keypair {
    /// The storage key: keypair names are unique per user.
    static func key(_ userID: String, _ name: String) -> String { userID + "/" + name }
}
