public import Foundation
public import GRDB

/// How every API service opens its SQLite database: a private directory (0700), WAL (a `DatabasePool`) with
/// `synchronous=NORMAL` (durable against any process crash, one fsync per checkpoint), a wait instead of a failure
/// while another connection (a previous instance still closing) holds the lock, and the migrations run on open.
public enum ServiceDatabase {
    /// Opens (creating if needed) `file` in `directory`; `pragmas` are extra statements run on every connection.
    public static func open(directory: URL, file: String, migrator: DatabaseMigrator, pragmas: String = "") throws -> DatabasePool {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in try db.execute(sql: pragmas + "PRAGMA synchronous = NORMAL") }
        config.maximumReaderCount = 2
        let pool = try DatabasePool(path: directory.appendingPathComponent(file).path, configuration: config)
        try migrator.migrate(pool)
        return pool
    }
}
