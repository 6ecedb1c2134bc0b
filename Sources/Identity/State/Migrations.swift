import GRDB

/// The identity schema, applied at every start (idempotent).
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE domain (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL, enabled BOOLEAN NOT NULL);
                CREATE TABLE project (id TEXT PRIMARY KEY, name TEXT NOT NULL, domainId TEXT NOT NULL REFERENCES domain(id),
                    description TEXT NOT NULL, enabled BOOLEAN NOT NULL, tags TEXT NOT NULL, UNIQUE(domainId, name));
                CREATE TABLE user (id TEXT PRIMARY KEY, name TEXT NOT NULL, domainId TEXT NOT NULL REFERENCES domain(id),
                    enabled BOOLEAN NOT NULL, defaultProjectId TEXT, passwordHash TEXT, extra TEXT NOT NULL, UNIQUE(domainId, name));
                CREATE TABLE role (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT);
                CREATE TABLE assignment (userId TEXT NOT NULL, targetKind TEXT NOT NULL, targetId TEXT NOT NULL, roleId TEXT NOT NULL,
                    PRIMARY KEY (userId, targetKind, targetId, roleId));
                CREATE INDEX assignment_target ON assignment(targetKind, targetId);
                CREATE TABLE region (id TEXT PRIMARY KEY, description TEXT NOT NULL, parentRegionId TEXT);
                CREATE TABLE service (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, enabled BOOLEAN NOT NULL);
                CREATE TABLE endpoint (id TEXT PRIMARY KEY, serviceId TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
                    interface TEXT NOT NULL, regionId TEXT, url TEXT NOT NULL, enabled BOOLEAN NOT NULL);
                CREATE TABLE token (hash TEXT PRIMARY KEY, userId TEXT NOT NULL, projectId TEXT, domainId TEXT, system BOOLEAN NOT NULL,
                    methods TEXT NOT NULL, auditIds TEXT NOT NULL, issuedAt REAL NOT NULL, expiresAt REAL NOT NULL, revoked BOOLEAN NOT NULL);
                CREATE INDEX token_user ON token(userId);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
        }
        return m
    }
}
