import Foundation
import OpenStackAPI

/// First start: Default domain, admin/manager/member/reader roles, admin and demo projects and users, region and catalog.
struct Bootstrapper: Sendable {
    let store: IdentityStore
    let hasher: PasswordHasher
    let configuration: IdentityConfiguration

    /// Bootstraps once (a later start only reads the password files); `identityPort` is the bound port.
    /// The catalog is brought in line with the configured services on every start, so a service
    /// the cluster starts running later, or a moved port, shows up without a new bootstrap.
    func run(identityPort: Int) async throws -> BootstrapCredentials {
        let done = try await store.read { tx in try tx.bootstrapped() != nil }
        let config = configuration
        let catalog = [CatalogService(type: "identity", name: "keystone", port: identityPort, path: "/v3/")] + config.services
        if done {
            try await store.write { tx in
                try Self.addMissingRoles(tx)
                try Self.sync(catalog, config, tx)
            }
            return try BootstrapCredentials.load(stateDirectory: configuration.stateDirectory)
        }
        let credentials = BootstrapCredentials(adminPassword: configuration.adminPassword ?? SecureRandom.token(),
                                               demoPassword: configuration.demoPassword ?? SecureRandom.token())
        let adminHash = try hasher.hash(credentials.adminPassword)
        let demoHash = try hasher.hash(credentials.demoPassword)
        try await store.write { tx in
            try tx.insert(DomainRow(id: "default", name: "Default", description: "The default domain", enabled: true))
            var roleIDs: [String: String] = [:]
            for role in Role.allCases {
                let row = RoleRow(id: ResourceID.make(), name: role.rawValue, description: nil)
                try tx.insert(row)
                roleIDs[role.rawValue] = row.id
            }
            let admin = try Self.projectAndUser(tx, project: "admin", user: "admin", hash: adminHash, description: "Bootstrap project for initializing the cloud.")
            let demo = try Self.projectAndUser(tx, project: "demo", user: "demo", hash: demoHash, description: "Demo project")
            try tx.insert(AssignmentRow(userId: admin.user, targetKind: "project", targetId: admin.project, roleId: roleIDs["admin"]!))
            try tx.insert(AssignmentRow(userId: admin.user, targetKind: "system", targetId: "all", roleId: roleIDs["admin"]!))
            try tx.insert(AssignmentRow(userId: demo.user, targetKind: "project", targetId: demo.project, roleId: roleIDs["member"]!))
            try tx.insert(RegionRow(id: config.region, description: "", parentRegionId: nil))
            try Self.sync(catalog, config, tx)
            try tx.markBootstrapped(Timestamp.iso(Date()))
        }
        try credentials.save(stateDirectory: configuration.stateDirectory)
        return credentials
    }

    private static func projectAndUser(_ tx: IdentityTransaction, project: String, user: String, hash: String, description: String) throws -> (project: String, user: String) {
        let p = ProjectRow(id: ResourceID.make(), name: project, domainId: "default", description: description, enabled: true, tags: "")
        try tx.insert(p)
        let u = UserRow(id: ResourceID.make(), name: user, domainId: "default", enabled: true, defaultProjectId: nil, passwordHash: hash, extra: "{}")
        try tx.insert(u)
        return (p.id, u.id)
    }

    /// Adds the default roles a database bootstrapped by an older version lacks (`manager` came later).
    private static func addMissingRoles(_ tx: IdentityTransaction) throws {
        for role in Role.allCases where try tx.roles(named: role.rawValue).isEmpty {
            try tx.insert(RoleRow(id: ResourceID.make(), name: role.rawValue, description: nil))
        }
    }

    /// Adds each configured service that the catalog lacks and corrects its endpoint URLs;
    /// services created through the API are left as they are.
    private static func sync(_ services: [CatalogService], _ config: IdentityConfiguration, _ tx: IdentityTransaction) throws {
        let publicHost = config.resolvedPublicHost
        let internalHost = config.internalEndpointHost ?? publicHost
        for service in services {
            let row = try tx.service(ofType: service.type)
                ?? ServiceRow(id: ResourceID.make(), type: service.type, name: service.name, description: "", enabled: true)
            try tx.save(row)
            for (interface, host) in [("public", publicHost), ("internal", internalHost), ("admin", internalHost)] {
                let url = service.url(host: host)
                var endpoint = try tx.endpoint(serviceID: row.id, interface: interface)
                    ?? EndpointRow(id: ResourceID.make(), serviceId: row.id, interface: interface, regionId: config.region, url: url, enabled: true)
                endpoint.url = url
                try tx.save(endpoint)
            }
        }
    }
}
