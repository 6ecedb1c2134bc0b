import Foundation
import OVNModel
import OVSDB

/// Routers: the Logical_Router with its routes and NAT rules, its ports with their gateway chassis.
extension NBTransactionBuilder {
    private typealias LR = NB.LogicalRouter
    private typealias LRP = NB.LogicalRouterPort

    mutating func logicalRouter(_ spec: RouterSpec) {
        let columns: [String: OVSDBValue] = [
            LR.Column.name: .string(spec.name), LR.Column.enabled: NBValues.optional(spec.enabled),
            LR.Column.options: NBValues.map(spec.options), LR.Column.externalIDs: NBValues.map(spec.externalIDs),
        ]
        let routeColumns = { (r: RouteSpec) -> [String: OVSDBValue] in
            ["ip_prefix": .string(r.prefix), "nexthop": .string(r.nexthop), "external_ids": NBValues.map(r.externalIDs)]
        }
        let natColumns = { (n: NATSpec) -> [String: OVSDBValue] in
            ["type": .string(n.type), "external_ip": .string(n.externalIP), "logical_ip": .string(n.logicalIP),
             "logical_port": n.logicalPort.map { .set([.string($0)]) } ?? .empty, "external_ids": NBValues.map(n.externalIDs)]
        }
        guard let existing = row(LR.table, name: spec.name) else {
            guard routers[spec.name] == nil else { return }
            var all = columns
            all[LR.Column.staticRoutes] = .set(spec.routes.map { .namedUUID(insert(NB.LogicalRouterStaticRoute.table, routeColumns($0)).name) })
            all[LR.Column.nat] = .set(spec.nat.map { .namedUUID(insert(NB.NAT.table, natColumns($0)).name) })
            routers[spec.name] = .named(insert(LR.table, all))
            return
        }
        update(LR.table, existing, columns)
        routers[spec.name] = .uuid(existing.uuid)
        reconcileChildren(of: existing, table: LR.table, column: LR.Column.staticRoutes, childTable: NB.LogicalRouterStaticRoute.table,
                          desired: spec.routes.map { ($0.key, routeColumns($0)) }) { r in
            "\(r["ip_prefix"]?.string ?? "") \(r["nexthop"]?.string ?? "")"
        }
        reconcileChildren(of: existing, table: LR.table, column: LR.Column.nat, childTable: NB.NAT.table,
                          desired: spec.nat.map { ($0.key, natColumns($0)) }) { r in
            "\(r["type"]?.string ?? "") \(r["external_ip"]?.string ?? "") \(r["logical_ip"]?.string ?? "")"
        }
    }

    /// Makes the child rows a parent references through `column` the desired ones (matched by key).
    mutating func reconcileChildren(of parent: Row, table: String, column: String, childTable: String,
                                    desired: [(key: String, columns: [String: OVSDBValue])], key: (Row) -> String) {
        var current: [String: Row] = [:]
        for uuid in parent[column]?.uuids ?? [] {
            guard let child = replica.row(childTable, uuid) else { continue }
            let k = key(child)
            if current[k] != nil {
                txn.mutate(table, where: [.uuid(parent.uuid)], [.delete(column, .set([.uuid(uuid)]))])
            } else {
                current[k] = child
            }
        }
        for (k, columns) in desired {
            if let have = current.removeValue(forKey: k) {
                update(childTable, have, columns)
            } else {
                let named = insert(childTable, columns)
                txn.mutate(table, where: [.uuid(parent.uuid)], [.insert(column, .set([.namedUUID(named.name)]))])
            }
        }
        for (_, stale) in current {
            txn.mutate(table, where: [.uuid(parent.uuid)], [.delete(column, .set([.uuid(stale.uuid)]))])
        }
    }

    mutating func routerPort(_ spec: RouterPortSpec) {
        let gcTable = NB.GatewayChassis.table
        let gcColumns = spec.gatewayChassis.enumerated().map { n, chassis -> (String, [String: OVSDBValue]) in
            let name = "\(spec.name)_\(chassis)"
            return (name, ["name": .string(name), "chassis_name": .string(chassis), "priority": .integer(spec.gatewayChassis.count - n)])
        }
        var columns: [String: OVSDBValue] = [
            LRP.Column.name: .string(spec.name), LRP.Column.mac: .string(spec.mac), LRP.Column.networks: NBValues.strings(spec.networks),
            LRP.Column.externalIDs: NBValues.map(spec.externalIDs), LRP.Column.ipv6RaConfigs: NBValues.map(spec.ipv6RAConfigs),
        ]
        if let existing = row(LRP.table, name: spec.name) {
            var refs: [Atom] = []
            let current = Dictionary((existing[LRP.Column.gatewayChassis]?.uuids ?? []).compactMap { replica.row(gcTable, $0) }
                .map { ($0["name"]?.string ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            for (name, gc) in gcColumns {
                if let have = current[name] {
                    update(gcTable, have, gc)
                    refs.append(.uuid(have.uuid))
                } else {
                    refs.append(.namedUUID(insert(gcTable, gc).name))
                }
            }
            columns[LRP.Column.gatewayChassis] = .set(refs)
            update(LRP.table, existing, columns)
            if let lr = row(NB.LogicalRouter.table, name: spec.routerName),
               !isMember(lr, NB.LogicalRouter.Column.ports, .uuid(existing.uuid)) {
                txn.mutate(NB.LogicalRouter.table, where: [.uuid(lr.uuid)], [.insert(NB.LogicalRouter.Column.ports, .set([.uuid(existing.uuid)]))])
            }
            return
        }
        columns[LRP.Column.gatewayChassis] = .set(gcColumns.map { .namedUUID(insert(gcTable, $0.1).name) })
        let named = insert(LRP.table, columns)
        let condition: Condition
        if case .atom(.namedUUID(let n))? = routers[spec.routerName] { condition = .named(NamedUUID(n)) }
        else { condition = .equal(NB.LogicalRouter.Column.name, .string(spec.routerName)) }
        txn.mutate(NB.LogicalRouter.table, where: [condition], [.insert(NB.LogicalRouter.Column.ports, .set([.namedUUID(named.name)]))])
    }

    mutating func removeRouterPort(_ name: String) {
        guard let port = row(LRP.table, name: name) else { return }
        for lr in replica.rows(NB.LogicalRouter.table) where isMember(lr, NB.LogicalRouter.Column.ports, .uuid(port.uuid)) {
            txn.mutate(NB.LogicalRouter.table, where: [.uuid(lr.uuid)], [.delete(NB.LogicalRouter.Column.ports, .set([.uuid(port.uuid)]))])
        }
        removed.append((LRP.table, port.uuid))
    }
}
