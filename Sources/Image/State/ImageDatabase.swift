import Foundation
import GRDB
import ServiceDatabase

/// The image database, the source of truth for image records: one SQLite file (WAL, `synchronous=NORMAL`)
/// holding each image as a JSON document. Image data lives beside it as files (see `ImageFiles`).
final class ImageDatabase: Sendable {
    private let pool: DatabasePool

    /// Opens (creating if needed) `image.sqlite` in `directory`.
    init(directory: URL) throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "CREATE TABLE image (id TEXT PRIMARY KEY NOT NULL, body BLOB NOT NULL) WITHOUT ROWID")
        }
        pool = try ServiceDatabase.open(directory: directory, file: "image.sqlite", migrator: migrator)
    }

    /// Every stored image.
    func loadAll() throws -> [Image] {
        let decoder = JSONDecoder()
        return try pool.read { db in try Data.fetchAll(db, sql: "SELECT body FROM image") }.map { try decoder.decode(Image.self, from: $0) }
    }

    /// Writes (inserts or replaces) an image.
    func put(_ image: Image) throws {
        let body = try JSONEncoder().encode(image)
        try pool.write { db in try db.execute(sql: "INSERT OR REPLACE INTO image (id, body) VALUES (?, ?)", arguments: [image.id, body]) }
    }

    /// Removes an image.
    func delete(_ id: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM image WHERE id = ?", arguments: [id]) }
    }
}
