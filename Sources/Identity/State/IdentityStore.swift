import Foundation
import GRDB

/// The identity database: one SQLite file in WAL mode, migrated on open. Every read and write goes through
/// an ``IdentityTransaction``, so SQL is written only in `State/`.
struct IdentityStore: Sendable {
    private let pool: DatabasePool

    /// Opens (creating if needed) `identity.sqlite` in `directory` and runs the migrations.
    init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var config = Configuration()
        // Wait for another connection (a previous instance still closing) instead of failing at once.
        config.busyMode = .timeout(5)
        // WAL (DatabasePool) with synchronous=NORMAL: durable against crashes of the process, one fsync per checkpoint.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL") }
        config.maximumReaderCount = 2
        pool = try DatabasePool(path: directory.appendingPathComponent("identity.sqlite").path, configuration: config)
        try Migrations.migrator.migrate(pool)
    }

    /// Reads in a snapshot.
    func read<T: Sendable>(_ body: @Sendable @escaping (IdentityTransaction) throws -> T) async throws -> T {
        try await pool.read { db in try body(IdentityTransaction(db: db)) }
    }

    /// Writes in a transaction: everything `body` does commits together, or nothing when it throws.
    func write<T: Sendable>(_ body: @Sendable @escaping (IdentityTransaction) throws -> T) async throws -> T {
        try await pool.write { db in try body(IdentityTransaction(db: db)) }
    }
}
