import Foundation
import GRDB
import ServiceDatabase

/// The networking database, the source of truth the OVN Northbound is derived from: one SQLite file
/// (WAL, `synchronous=NORMAL`: a committed write survives any process crash) holding each resource
/// as a JSON document keyed by kind and id. All of it is loaded at start; writes are whole-resource.
final class NetworkingDatabase: Sendable {
    /// The kinds of stored resources.
    enum Kind: String, Sendable, CaseIterable {
        case network, subnet, port, securityGroup = "security_group", router, floatingIP = "floatingip", quota, subnetPool = "subnetpool"
        case addressGroup = "address_group", rbacPolicy = "rbac_policy", addressScope = "address_scope"
        case autoAllocatedTopology = "auto_allocated_topology", portForwarding = "port_forwarding", trunk, qosPolicy = "qos_policy", flavor, serviceProfile = "service_profile"
        /// A one-time upgrade already made (its id names it).
        case upgrade
    }

    /// One write of a batch.
    enum Write: Sendable {
        case put(Kind, id: String, Data)
        case delete(Kind, id: String)
    }

    private let pool: DatabasePool

    /// Opens (creating if needed) `networking.sqlite` in `directory`.
    init(directory: URL) throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE resource (kind TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID
                """)
        }
        pool = try ServiceDatabase.open(directory: directory, file: "networking.sqlite", migrator: migrator)
    }

    /// Every stored resource, as one batch to apply to an empty state.
    func loadAll() throws -> Batch {
        let decoder = JSONDecoder()
        var batch = Batch()
        batch.networks = try load(.network).map { try decoder.decode(Network.self, from: $0) }
        batch.subnets = try load(.subnet).map { try decoder.decode(Subnet.self, from: $0) }.sorted { $0.std.createdAt < $1.std.createdAt }
        batch.groups = try load(.securityGroup).map { try decoder.decode(SecurityGroup.self, from: $0) }
        batch.ports = try load(.port).map { try decoder.decode(Port.self, from: $0) }
        batch.routers = try load(.router).map { try decoder.decode(NetworkRouter.self, from: $0) }
        batch.floatingIPs = try load(.floatingIP).map { try decoder.decode(FloatingIP.self, from: $0) }
        batch.quotas = try load(.quota).map { try decoder.decode(ProjectQuota.self, from: $0) }
        batch.subnetPools = try load(.subnetPool).map { try decoder.decode(SubnetPool.self, from: $0) }
        batch.addressGroups = try load(.addressGroup).map { try decoder.decode(AddressGroup.self, from: $0) }
        batch.addressScopes = try load(.addressScope).map { try decoder.decode(AddressScope.self, from: $0) }
        batch.flavors = try load(.flavor).map { try decoder.decode(ServiceFlavor.self, from: $0) }
        batch.serviceProfiles = try load(.serviceProfile).map { try decoder.decode(ServiceProfile.self, from: $0) }
        batch.qosPolicies = try load(.qosPolicy).map { try decoder.decode(QoSPolicy.self, from: $0) }
        batch.trunks = try load(.trunk).map { try decoder.decode(Trunk.self, from: $0) }
        batch.portForwardings = try load(.portForwarding).map { try decoder.decode(PortForwarding.self, from: $0) }
        batch.autoAllocated = try load(.autoAllocatedTopology).map { try decoder.decode(AutoAllocatedTopology.self, from: $0) }
        batch.rbacPolicies = try load(.rbacPolicy).map { try decoder.decode(RBACPolicy.self, from: $0) }
        return batch
    }

    /// Whether the one-time upgrade `name` was made.
    func hasUpgrade(_ name: String) throws -> Bool {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM resource WHERE kind = ? AND id = ?", arguments: [Kind.upgrade.rawValue, name]) ?? 0 > 0
        }
    }

    /// Writes a batch in one transaction: every put and delete, or none; with `upgrade`, the record that the upgrade of
    /// that name was made, in the same transaction.
    func write(_ batch: Batch, upgrade: String? = nil) throws {
        let encoder = JSONEncoder()
        var writes: [Write] = []
        for n in batch.networks { writes.append(.put(.network, id: n.id, try encoder.encode(n))) }
        for s in batch.subnets { writes.append(.put(.subnet, id: s.id, try encoder.encode(s))) }
        for p in batch.ports { writes.append(.put(.port, id: p.id, try encoder.encode(p))) }
        for g in batch.groups { writes.append(.put(.securityGroup, id: g.id, try encoder.encode(g))) }
        for r in batch.routers { writes.append(.put(.router, id: r.id, try encoder.encode(r))) }
        for f in batch.floatingIPs { writes.append(.put(.floatingIP, id: f.id, try encoder.encode(f))) }
        for q in batch.quotas { writes.append(.put(.quota, id: q.projectID, try encoder.encode(q))) }
        writes += batch.deletedQuotas.map { .delete(.quota, id: $0) }
        for p in batch.subnetPools { writes.append(.put(.subnetPool, id: p.id, try encoder.encode(p))) }
        writes += batch.deletedSubnetPools.map { .delete(.subnetPool, id: $0) }
        for g in batch.addressGroups { writes.append(.put(.addressGroup, id: g.id, try encoder.encode(g))) }
        writes += batch.deletedAddressGroups.map { .delete(.addressGroup, id: $0) }
        for s in batch.addressScopes { writes.append(.put(.addressScope, id: s.id, try encoder.encode(s))) }
        writes += batch.deletedAddressScopes.map { .delete(.addressScope, id: $0) }
        for f in batch.flavors { writes.append(.put(.flavor, id: f.id, try encoder.encode(f))) }
        writes += batch.deletedFlavors.map { .delete(.flavor, id: $0) }
        for p in batch.serviceProfiles { writes.append(.put(.serviceProfile, id: p.id, try encoder.encode(p))) }
        writes += batch.deletedServiceProfiles.map { .delete(.serviceProfile, id: $0) }
        for q in batch.qosPolicies { writes.append(.put(.qosPolicy, id: q.id, try encoder.encode(q))) }
        writes += batch.deletedQoSPolicies.map { .delete(.qosPolicy, id: $0) }
        for t in batch.trunks { writes.append(.put(.trunk, id: t.id, try encoder.encode(t))) }
        writes += batch.deletedTrunks.map { .delete(.trunk, id: $0) }
        for f in batch.portForwardings { writes.append(.put(.portForwarding, id: f.id, try encoder.encode(f))) }
        writes += batch.deletedPortForwardings.map { .delete(.portForwarding, id: $0) }
        for t in batch.autoAllocated { writes.append(.put(.autoAllocatedTopology, id: t.projectID, try encoder.encode(t))) }
        writes += batch.deletedAutoAllocated.map { .delete(.autoAllocatedTopology, id: $0) }
        for p in batch.rbacPolicies { writes.append(.put(.rbacPolicy, id: p.id, try encoder.encode(p))) }
        writes += batch.deletedRBACPolicies.map { .delete(.rbacPolicy, id: $0) }
        writes += batch.deletedRouters.map { .delete(.router, id: $0) } + batch.deletedFloatingIPs.map { .delete(.floatingIP, id: $0) }
        writes += batch.deletedNetworks.map { .delete(.network, id: $0) } + batch.deletedSubnets.map { .delete(.subnet, id: $0) }
            + batch.deletedPorts.map { .delete(.port, id: $0) } + batch.deletedGroups.map { .delete(.securityGroup, id: $0) }
        if let upgrade { writes.append(.put(.upgrade, id: upgrade, Data("{}".utf8))) }
        try apply(writes)
    }

    /// Every stored document of a kind.
    private func load(_ kind: Kind) throws -> [Data] {
        try pool.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM resource WHERE kind = ?", arguments: [kind.rawValue])
        }
    }

    /// Applies the writes in one transaction: all of them or none.
    private func apply(_ writes: [Write]) throws {
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
