import Foundation
import OVNModel
import OVSDB

/// The rows of the services beyond L2/L3 — port forwarding Load_Balancers and QoS rows. Load_Balancers as ML2/OVN's
/// port forwarding driver keeps them: one per floating IP and protocol,
/// referenced by the router and by the switches of its internal ports (OVN does not apply a router's balancers to
/// traffic that starts on those switches otherwise).
extension NBTransactionBuilder {
    private typealias LB = NB.LoadBalancer

    /// Makes a router's port forwarding balancers exactly `balancers`.
    mutating func portForwardingBalancers(_ router: String, _ balancers: [LoadBalancerSpec]) {
        let current = replica.rows(LB.table).filter {
            let ids = $0[LB.Column.externalIDs]?.stringMap ?? [:]
            return ids[OVNKeys.deviceOwner] == OVNKeys.portForwardingOwner && ids[OVNKeys.routerName] == router
        }
        let wanted = Set(balancers.map(\.name))
        // Switch and router references are weak: deleting the row drops them.
        for stale in current where !wanted.contains(stale[LB.Column.name]?.string ?? "") { remove(LB.table, stale.uuid) }
        for spec in balancers {
            let columns: [String: OVSDBValue] = [
                LB.Column.name: .string(spec.name), LB.Column.protocol: .set([.string(spec.protocol)]),
                LB.Column.vips: NBValues.map(spec.vips), LB.Column.externalIDs: NBValues.map(spec.externalIDs),
            ]
            let ref: Atom
            if let existing = current.first(where: { $0[LB.Column.name]?.string == spec.name }) {
                update(LB.table, existing, columns)
                ref = .uuid(existing.uuid)
            } else {
                ref = .namedUUID(insert(LB.table, columns).name)
            }
            attach(ref, to: NB.LogicalRouter.table, named: router, column: NB.LogicalRouter.Column.loadBalancer)
            for sw in replica.rows(NB.LogicalSwitch.table) where isMember(sw, NB.LogicalSwitch.Column.loadBalancer, ref)
                && !spec.switches.contains(sw[NB.LogicalSwitch.Column.name]?.string ?? "") {
                txn.mutate(NB.LogicalSwitch.table, where: [.uuid(sw.uuid)], [.delete(NB.LogicalSwitch.Column.loadBalancer, .set([ref]))])
            }
            for sw in spec.switches { attach(ref, to: NB.LogicalSwitch.table, named: sw, column: NB.LogicalSwitch.Column.loadBalancer) }
        }
    }

    /// Adds `ref` to a named row's reference set, unless the replica shows it there already.
    private mutating func attach(_ ref: Atom, to table: String, named name: String, column: String) {
        if let existing = row(table, name: name), isMember(existing, column, ref) { return }
        txn.mutate(table, where: [.equal("name", .string(name))], [.insert(column, .set([ref]))])
    }

    /// Makes a switch's QoS rows exactly `rules` (rows are the switch's children, keyed by direction and match).
    mutating func qosRules(_ switchName: String, _ rules: [QoSSpec]) {
        let desired = rules.map { q -> (key: String, columns: [String: OVSDBValue]) in
            (q.key, ["direction": .string(q.direction), "match": .string(q.match), "priority": .integer(q.priority),
                     "bandwidth": .map(Dictionary(uniqueKeysWithValues: q.bandwidth.map { (Atom.string($0.key), Atom.integer($0.value)) })),
                     "action": .map(Dictionary(uniqueKeysWithValues: q.action.map { (Atom.string($0.key), Atom.integer($0.value)) })),
                     "external_ids": NBValues.map(q.externalIDs)])
        }
        guard let sw = row(NB.LogicalSwitch.table, name: switchName) else {
            // A switch made in this transaction (a repair after the NB was emptied): its rows are inserted and referenced
            // by the switch's name.
            guard !desired.isEmpty else { return }
            let refs = desired.map { Atom.namedUUID(insert(NB.QoS.table, $0.columns).name) }
            txn.mutate(NB.LogicalSwitch.table, where: [.equal("name", .string(switchName))], [.insert(NB.LogicalSwitch.Column.qosRules, .set(refs))])
            return
        }
        reconcileChildren(of: sw, table: NB.LogicalSwitch.table, column: NB.LogicalSwitch.Column.qosRules, childTable: NB.QoS.table,
                          desired: desired) { r in "\(r["direction"]?.string ?? "") \(r["match"]?.string ?? "")" }
    }
}
