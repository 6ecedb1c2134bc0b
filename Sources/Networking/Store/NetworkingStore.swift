import Foundation
import GRDB

/// The networking database, the source of truth the OVN Northbound is derived from: one SQLite file
/// (WAL, `synchronous=NORMAL`: a committed write survives any process crash) holding each resource
/// as a JSON document keyed by kind and id. All of it is loaded at start; writes are whole-resource.
final class NetworkingStore: Sendable {
    /// The kinds of stored resources.
    enum Kind: String, Sendable, CaseIterable {
        case network, subnet, port, securityGroup = "security_group", router, floatingIP = "floatingip"
    }

    /// One write of a batch.
    enum Write: Sendable {
        case put(Kind, id: String, Data)
        case delete(Kind, id: String)
    }

    private let pool: DatabasePool

    /// Opens (creating if needed) `networking.sqlite` in `directory`.
    init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        config.maximumReaderCount = 2
        pool = try DatabasePool(path: directory.appendingPathComponent("networking.sqlite").path, configuration: config)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE resource (kind TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID
                """)
        }
        try migrator.migrate(pool)
    }

    /// Every stored document of a kind.
    func load(_ kind: Kind) throws -> [Data] {
        try pool.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM resource WHERE kind = ?", arguments: [kind.rawValue])
        }
    }

    /// Applies the writes in one transaction: all of them or none.
    func apply(_ writes: [Write]) throws {
        guard !writes.isEmpty else { return }
        try pool.write { db in
            for write in writes {
                switch write {
                case .put(let kind, let id, let body):
                    try db.execute(sql: "INSERT OR REPLACE INTO resource (kind, id, body) VALUES (?, ?, ?)",
                                   arguments: [kind.rawValue, id, body])
                case .delete(let kind, let id):
                    try db.execute(sql: "DELETE FROM resource WHERE kind = ? AND id = ?", arguments: [kind.rawValue, id])
                }
            }
        }
    }
}
