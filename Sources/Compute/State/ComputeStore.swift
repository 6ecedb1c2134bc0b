import Foundation
import Logging

/// The compute service's one owner of state: flavors, keypairs, hosts and instances in memory, each change
/// committed to SQLite first, then to memory, then announced to the agents of the hosts it touched.
/// Decisions (validation, scheduling claims) are made inside it on the current records, so they never race.
actor ComputeStore {
    let database: ComputeDatabase
    let logger: Logger
    let agents: AgentClient
    var flavors: [String: Flavor] = [:]
    /// Keypairs by user id, then name.
    var keypairs: [String: [String: Keypair]] = [:]
    var hosts: [String: ComputeHost] = [:]
    var instances: [String: Instance] = [:]
    /// Projects' own quota sets (the others have the defaults).
    var quotas: [String: QuotaSet] = [:]

    /// Opens the database and loads every record; the first start creates the default flavors.
    init(directory: URL, agents: AgentClient, logger: Logger) throws {
        database = try ComputeDatabase(directory: directory)
        self.logger = logger
        self.agents = agents
        for flavor in try database.loadAll(.flavor, as: Flavor.self) { flavors[flavor.id] = flavor }
        for keypair in try database.loadAll(.keypair, as: Keypair.self) { keypairs[keypair.userID, default: [:]][keypair.name] = keypair }
        for host in try database.loadAll(.host, as: ComputeHost.self) { hosts[host.name] = host }
        for instance in try database.loadAll(.instance, as: Instance.self) { instances[instance.id] = instance }
        for stored in try database.loadAll(.quota, as: StoredQuota.self) { quotas[stored.project] = stored.quota }
        // A marker records that the defaults were made once, so deleting them all does not bring them back.
        if try database.loadAll(.meta, as: [String: String].self).isEmpty {
            try database.commit(try Batch(flavors: Flavor.defaults).writes() + [.put(.meta, "seeded", Data(#"{"seeded":"1"}"#.utf8))])
            for flavor in Flavor.defaults { flavors[flavor.id] = flavor }
        }
    }

    /// Commits `batch`: SQLite first (a failure changes nothing and answers 500), then memory, then (with `notify`)
    /// a sync to the agents of the hosts whose instances changed.
    func commit(_ batch: Batch, notify: Bool = true) throws(ComputeError) {
        do { try database.commit(try batch.writes()) } catch {
            logger.error("compute database write failed", metadata: ["error": "\(error)"])
            throw .storage
        }
        for f in batch.flavors { flavors[f.id] = f }
        for id in batch.deletedFlavors { flavors[id] = nil }
        for k in batch.keypairs { keypairs[k.userID, default: [:]][k.name] = k }
        for k in batch.deletedKeypairs { keypairs[k.userID]?[k.name] = nil }
        for h in batch.hosts { hosts[h.name] = h }
        for (project, quota) in batch.quotas { quotas[project] = quota }
        var touched = Set<String>()
        for i in batch.instances {
            if let old = instances[i.id], old == i { continue }
            instances[i.id] = i
            if let host = i.host { touched.insert(host) }
        }
        for id in batch.deletedInstances {
            if let host = instances[id]?.host { touched.insert(host) }
            instances[id] = nil
        }
        for name in touched where notify { if let host = hosts[name] { agents.sync(host.agentURL) } }
    }

    /// Resources used per host by the instances placed there (deleted ones release theirs when the agent confirms).
    func usageByHost() -> [String: HostUsage] {
        var usage: [String: HostUsage] = [:]
        for instance in instances.values { if let host = instance.host { usage[host, default: HostUsage()].add(instance.flavor) } }
        return usage
    }

    /// A project's quota set.
    func quota(project: String) -> QuotaSet { quotas[project] ?? .defaults }

    /// Applies a quota update (decided on the current usage, so a create cannot slip between).
    func updateQuota(project: String, _ update: QuotaUpdate) throws(ComputeError) -> QuotaSet {
        let updated = try update.apply(to: quota(project: project), used: usage(project: project))
        try commit(Batch(quotas: [project: updated]), notify: false)
        return updated
    }

    /// Puts a project back on the default quotas.
    func resetQuota(project: String) throws(ComputeError) {
        try commit(Batch(quotas: [project: nil]), notify: false)
    }

    /// Resources used by one project.
    func usage(project: String) -> HostUsage {
        var used = HostUsage()
        for instance in instances.values where instance.projectID == project { used.add(instance.flavor) }
        return used
    }
}

