import Foundation
import OVNModel
import OVSDB

/// The agents as the Southbound shows them: reads `Chassis` and `Chassis_Private` from the replica, remembers
/// when each `Chassis_Private` last changed, bumps `NB_Global.nb_cfg` so that live chassis answer, and makes
/// the few writes the agents API has (a description, the removal of a chassis).
actor AgentWatcher {
    static let livenessKey = "neutron:liveness_check_at"

    private let nb: NBSync
    private let downTime: TimeInterval
    private var lastSeen: [String: Date] = [:]
    private let started = Date()

    /// A watcher over `nb`'s Southbound replica; `downTime` is `agent_down_time`.
    init(nb: NBSync, downTime: TimeInterval) {
        self.nb = nb
        self.downTime = downTime
    }

    /// Follows `Chassis_Private` changes until cancelled (at once without a Southbound). Only a sign of life counts: a
    /// new row, or a changed `nb_cfg` (ovn-controller's) or `neutron:ovn-metadata-sb-cfg` (the metadata agent's); the
    /// service's own description writes do not.
    func run() async {
        guard let chassis = nb.scheduler.chassis else { return }
        for await event in chassis.events() where event.table == SB.ChassisPrivate.table {
            switch event {
            case .insert(_, let row):
                if let name = row[SB.ChassisPrivate.Column.name]?.string { lastSeen[name] = Date() }
            case .modify(_, let old, let new):
                let before = SB.ChassisPrivate(row: old), after = SB.ChassisPrivate(row: new)
                let key = AgentRules.metadataConfigurationKey
                if before.nbCfg != after.nbCfg || before.externalIDs[key] != after.externalIDs[key] { lastSeen[after.name] = Date() }
            case .delete(_, let row):
                if let name = row[SB.ChassisPrivate.Column.name]?.string { lastSeen[name] = nil }
            }
        }
    }

    /// The rules for now: `NB_Global.nb_cfg` and the down time.
    func rules() -> AgentRules {
        AgentRules(nbCfg: Self.global(nb.replica)?.nbCfg ?? 0, downTime: downTime, now: Date())
    }

    /// Every chassis that has both rows.
    func records() -> [ChassisRecord] {
        guard let sb = nb.scheduler.chassis else { return [] }
        let chassis = Dictionary(sb.rows(SB.Chassis.table).map(SB.Chassis.init(row:)).compactMap { c in c.uuid.map { ($0, c) } },
                                 uniquingKeysWith: { a, _ in a })
        return sb.rows(SB.ChassisPrivate.table).map(SB.ChassisPrivate.init(row:)).compactMap { p -> ChassisRecord? in
            guard let c = p.chassis.flatMap({ chassis[$0] }) else { return nil }
            return ChassisRecord(name: p.name, hostname: c.hostname, cmsOptions: c.cmsOptions, bridgeMappings: c.bridgeMappings, nbCfg: p.nbCfg,
                                 externalIDs: p.externalIDs, lastSeen: lastSeen[p.name] ?? started)
        }
    }

    /// The availability zones of the gateway chassis, sorted.
    func availabilityZones() -> [String] { GatewayChassis.zones(nb.scheduler.candidates()) }

    /// Bumps `NB_Global.nb_cfg` (each live ovn-controller then copies it to its `Chassis_Private`), at most every
    /// half `agent_down_time`, as ML2/OVN does when agents are listed.
    func ping() async {
        guard let global = Self.global(nb.replica), let uuid = global.uuid else { return }
        let now = Date()
        if let last = global.externalIDs[Self.livenessKey].flatMap(Self.parse), now.timeIntervalSince(last) < max(downTime / 2, 1) { return }
        var txn = Transaction()
        txn.mutate(NB.NBGlobal.table, where: [.uuid(uuid)], [
            Mutation(NB.NBGlobal.Column.nbCfg, .add, .atom(.integer(1))),
            .delete(NB.NBGlobal.Column.externalIDs, .set([.string(Self.livenessKey)])),
            .insert(NB.NBGlobal.Column.externalIDs, .map([.string(Self.livenessKey): .string(Self.format(now))])),
        ])
        _ = try? await nb.client.transact(txn)
    }

    /// Sets an agent's description in its `Chassis_Private.external_ids`.
    func setDescription(_ description: String, of agent: Agent) async throws(NetworkingError) {
        try await transact { txn in
            txn.mutate(SB.ChassisPrivate.table, where: [.equal(SB.ChassisPrivate.Column.name, .atom(.string(agent.chassis)))], [
                .delete(SB.ChassisPrivate.Column.externalIDs, .set([.string(agent.kind.descriptionKey)])),
                .insert(SB.ChassisPrivate.Column.externalIDs, .map([.string(agent.kind.descriptionKey): .string(description)])),
            ])
        }
    }

    /// Removes an agent's chassis (`Chassis` and `Chassis_Private`); a live ovn-controller registers it again.
    func deleteChassis(of agent: Agent) async throws(NetworkingError) {
        try await transact { txn in
            _ = txn.delete(SB.Chassis.table, where: [.equal(SB.Chassis.Column.name, .atom(.string(agent.chassis)))])
            _ = txn.delete(SB.ChassisPrivate.table, where: [.equal(SB.ChassisPrivate.Column.name, .atom(.string(agent.chassis)))])
        }
    }

    private func transact(_ build: (inout Transaction) -> Void) async throws(NetworkingError) {
        guard let sb = nb.southbound else {
            throw NetworkingError(.unavailable, "ServiceUnavailable", "The networking service has no OVN Southbound database configured.")
        }
        var txn = Transaction()
        build(&txn)
        do { _ = try await sb.transact(txn) } catch {
            throw NetworkingError(.unavailable, "ServiceUnavailable", "The OVN Southbound database did not take the change: \(error)")
        }
    }

    private static func global(_ replica: Replica) -> NB.NBGlobal? { replica.rows(NB.NBGlobal.table).first.map(NB.NBGlobal.init(row:)) }

    private static func format(_ date: Date) -> String { date.formatted(.iso8601) }
    private static func parse(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }
}
