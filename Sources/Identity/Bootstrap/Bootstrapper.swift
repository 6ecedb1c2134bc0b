import Foundation
import GRDB
import OpenStackAPI

/// First start: Default domain, admin/member/reader roles, admin and demo projects and users, region and catalog.
struct Bootstrapper: Sendable {
    let store: IdentityStore
    let hasher: PasswordHasher
    let configuration: IdentityConfiguration

    /// Bootstraps once (a later start only reads the password files); `identityPort` is the bound port.
    func run(identityPort: Int) async throws -> BootstrapCredentials {
        let done = try await store.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'bootstrapped'") != nil }
        if done { return try BootstrapCredentials.load(stateDirectory: configuration.stateDirectory) }
        let credentials = BootstrapCredentials(adminPassword: configuration.adminPassword ?? SecureRandom.token(),
                                               demoPassword: configuration.demoPassword ?? SecureRandom.token())
        let adminHash = try hasher.hash(credentials.adminPassword)
        let demoHash = try hasher.hash(credentials.demoPassword)
        let config = configuration
        try await store.write { db in
            try DomainRow(id: "default", name: "Default", description: "The default domain", enabled: true).insert(db)
            var roleIDs: [String: String] = [:]
            for role in Role.allCases {
                let row = RoleRow(id: ResourceID.make(), name: role.rawValue, description: nil)
                try row.insert(db)
                roleIDs[role.rawValue] = row.id
            }
            let admin = try Self.projectAndUser(db, project: "admin", user: "admin", hash: adminHash, description: "Bootstrap project for initializing the cloud.")
            let demo = try Self.projectAndUser(db, project: "demo", user: "demo", hash: demoHash, description: "Demo project")
            try AssignmentRow(userId: admin.user, targetKind: "project", targetId: admin.project, roleId: roleIDs["admin"]!).insert(db)
            try AssignmentRow(userId: admin.user, targetKind: "system", targetId: "all", roleId: roleIDs["admin"]!).insert(db)
            try AssignmentRow(userId: demo.user, targetKind: "project", targetId: demo.project, roleId: roleIDs["member"]!).insert(db)
            try RegionRow(id: config.region, description: "", parentRegionId: nil).insert(db)
            let identity = CatalogService(type: "identity", name: "keystone", port: identityPort, path: "/v3/")
            for service in [identity] + config.services { try Self.register(service, config, db) }
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('bootstrapped', ?)", arguments: [Timestamp.iso(Date())])
        }
        try credentials.save(stateDirectory: configuration.stateDirectory)
        return credentials
    }

    private static func projectAndUser(_ db: Database, project: String, user: String, hash: String, description: String) throws -> (project: String, user: String) {
        let p = ProjectRow(id: ResourceID.make(), name: project, domainId: "default", description: description, enabled: true, tags: "")
        try p.insert(db)
        let u = UserRow(id: ResourceID.make(), name: user, domainId: "default", enabled: true, defaultProjectId: nil, passwordHash: hash, extra: "{}")
        try u.insert(db)
        return (p.id, u.id)
    }

    private static func register(_ service: CatalogService, _ config: IdentityConfiguration, _ db: Database) throws {
        let row = ServiceRow(id: ResourceID.make(), type: service.type, name: service.name, description: "", enabled: true)
        try row.insert(db)
        let publicHost = config.resolvedPublicHost
        let internalHost = config.internalEndpointHost ?? publicHost
        for (interface, host) in [("public", publicHost), ("internal", internalHost), ("admin", internalHost)] {
            try EndpointRow(id: ResourceID.make(), serviceId: row.id, interface: interface, regionId: config.region,
                            url: service.url(host: host), enabled: true).insert(db)
        }
    }
}
