import Foundation
import GRDB
import ServiceDatabase

/// The identity database: one SQLite file in WAL mode, migrated on open. Every read and write goes through
/// an ``IdentityTransaction``, so SQL is written only in `State/`.
struct IdentityStore: Sendable {
    private let pool: DatabasePool

    /// Opens (creating if needed) `identity.sqlite` in `directory` and runs the migrations.
    init(directory: URL) throws {
        pool = try ServiceDatabase.open(directory: directory, file: "identity.sqlite", migrator: Migrations.migrator,
                                        pragmas: "PRAGMA foreign_keys = ON; ")
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
