import GRDB

/// A domain (`default` / `Default` is created at bootstrap).
struct DomainRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "domain"
    var id: String
    var name: String
    var description: String
    var enabled: Bool
}

/// A project inside a domain.
struct ProjectRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "project"
    var id: String
    var name: String
    var domainId: String
    var description: String
    var enabled: Bool
    var tags: String
}

/// A user; `passwordHash` is a PBKDF2 string, `extra` holds additional attributes (e.g. email) as JSON.
struct UserRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "user"
    var id: String
    var name: String
    var domainId: String
    var enabled: Bool
    var defaultProjectId: String?
    var passwordHash: String?
    var extra: String
}

/// A global role.
struct RoleRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "role"
    var id: String
    var name: String
    var description: String?
}

/// A role granted to a user on a project, a domain or the system (`targetKind`).
struct AssignmentRow: Codable, FetchableRecord, PersistableRecord, Sendable, Hashable {
    static let databaseTableName = "assignment"
    var userId: String
    var targetKind: String
    var targetId: String
    var roleId: String
}

/// A catalog region.
struct RegionRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "region"
    var id: String
    var description: String
    var parentRegionId: String?
}

/// A catalog service.
struct ServiceRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "service"
    var id: String
    var type: String
    var name: String
    var description: String
    var enabled: Bool
}

/// A catalog endpoint of a service.
struct EndpointRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "endpoint"
    var id: String
    var serviceId: String
    var interface: String
    var regionId: String?
    var url: String
    var enabled: Bool
}

/// An issued token, stored by the SHA-256 of its value (the value itself is never stored).
struct TokenRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "token"
    var hash: String
    var userId: String
    var projectId: String?
    var domainId: String?
    var system: Bool
    var methods: String
    var auditIds: String
    var issuedAt: Double
    var expiresAt: Double
    var revoked: Bool
}
