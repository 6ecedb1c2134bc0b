import Foundation
import Logging
import OVNModel
import OVSDB

/// The Northbound side of the networking service: one connection, a replica of the tables it owns,
/// and one transaction per batch of intents, applied strictly in the order they were submitted.
actor NBSync {
    nonisolated let client: OVSDBClient
    nonisolated let replica: Replica
    /// The Southbound's chassis, for gateway scheduling.
    nonisolated let scheduler: GatewayScheduler
    /// The Southbound connection (nil without one): the agents API writes descriptions and removes chassis.
    nonisolated let southbound: OVSDBClient?
    private var tail: Task<Void, Never>?

    /// The tables the service writes and watches.
    static let tables = [NB.LogicalSwitch.table, NB.LogicalSwitchPort.table, NB.DHCPOptions.table, NB.PortGroup.table, NB.ACL.table,
                         NB.LogicalRouter.table, NB.LogicalRouterPort.table, NB.LogicalRouterStaticRoute.table, NB.NAT.table,
                         NB.GatewayChassis.table, NB.AddressSet.table, NB.DNS.table, NB.LoadBalancer.table, NB.QoS.table]

    init(client: OVSDBClient, replica: Replica, southbound: OVSDBClient?, chassis: Replica?) {
        self.client = client
        self.replica = replica
        self.southbound = southbound
        scheduler = GatewayScheduler(chassis: chassis)
    }

    /// Connects to the NB (and the SB, for the gateway chassis) and starts the replicas.
    static func connect(_ endpoints: [Endpoint], southbound: [Endpoint] = []) async throws -> NBSync {
        let client = try await OVSDBClient.connect(endpoints, database: NB.database)
        // NB_Global's `nb_cfg` is what the agents API bumps to ask every chassis for a sign of life.
        let global = MonitorRequest(NB.NBGlobal.table, columns: ["nb_cfg", "external_ids"])
        let replica = try await client.monitor(tables.map { MonitorRequest($0) } + [global], indexes: [
            ReplicaIndex(NB.LogicalSwitch.table, "name"), ReplicaIndex(NB.LogicalSwitchPort.table, "name"),
            ReplicaIndex(NB.PortGroup.table, "name"), ReplicaIndex(NB.DHCPOptions.table, "external_ids", key: OVNKeys.subnetID),
            ReplicaIndex(NB.LogicalRouter.table, "name"), ReplicaIndex(NB.LogicalRouterPort.table, "name"),
            ReplicaIndex(NB.AddressSet.table, "name"), ReplicaIndex(NB.DNS.table, "external_ids", key: "ls_name"),
            ReplicaIndex(NB.LoadBalancer.table, "name"),
        ])
        var sb: OVSDBClient?, chassis: Replica?
        if !southbound.isEmpty {
            let c = try await OVSDBClient.connect(southbound, database: SB.database)
            chassis = try await c.monitor([
                MonitorRequest(SB.Chassis.table, columns: ["name", "hostname", "other_config", "external_ids"]),
                MonitorRequest(SB.ChassisPrivate.table, columns: ["name", "chassis", "nb_cfg", "external_ids"]),
            ])
            sb = c
        }
        return NBSync(client: client, replica: replica, southbound: sb, chassis: chassis)
    }

    /// Applies `intents` in one transaction after every earlier call's; with `prune`, the intents are the
    /// whole desired state and Neutron-named rows that none of them wants are removed (drift repair).
    /// Returns the number of operations the transaction needed (0: the Northbound already matched).
    @discardableResult
    func apply(_ intents: [NBIntent], prune: Bool = false) async throws -> Int {
        let previous = tail
        let task = Task { [self] in
            await previous?.value
            return try await run(intents, prune: prune)
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }

    private func run(_ intents: [NBIntent], prune: Bool) async throws -> Int {
        var builder = NBTransactionBuilder(replica: replica)
        builder.add(intents + (prune ? extras(intents) : []))
        guard !builder.txn.isEmpty else { return 0 }
        let result = try await client.transact(builder.txn)
        let inserted = builder.inserted.compactMap { item in result.uuid(item.name).map { (item.table, $0) } }
        let removed = builder.removed
        // The reply comes before the monitor update: the next batch must see this one's rows.
        try await replica.wait(timeout: .seconds(5)) { r in
            inserted.allSatisfy { r.row($0.0, $0.1) != nil } && removed.allSatisfy { r.row($0.table, $0.uuid) == nil }
        }
        return builder.txn.operations.count
    }

    /// Removals of the rows that look like Neutron's but that no intent describes.
    private func extras(_ intents: [NBIntent]) -> [NBIntent] {
        var switches = Set<String>(), ports = Set<String>(), subnets = Set<String>(), groups = Set<String>()
        var routers = Set<String>(), routerPorts = Set<String>(), addressSets = Set<String>(), dnsSwitches = Set<String>()
        for intent in intents {
            switch intent {
            case .logicalSwitch(let s): switches.insert(s.name)
            case .switchPort(let p): ports.insert(p.name)
            case .dhcpOptions(let d): subnets.insert(d.subnetID)
            case .portGroup(let g): groups.insert(g.name)
            case .logicalRouter(let r): routers.insert(r.name)
            case .routerPort(let p): routerPorts.insert(p.name)
            case .addressSet(let a): addressSets.insert(a.name)
            case .dns(let d): dnsSwitches.insert(d.switchName)
            default: break
            }
        }
        var out: [NBIntent] = []
        for sw in replica.rows(NB.LogicalSwitch.table).map(NB.LogicalSwitch.init(row:)) where sw.name.hasPrefix("neutron-") {
            if !switches.contains(sw.name) { out.append(.removeSwitch(name: sw.name)); continue }
            for uuid in sw.ports {
                // Only the name of each port is needed: no whole-row decode for the thousands of ports of a switch.
                if let name = replica.row(NB.LogicalSwitchPort.table, uuid)?[NB.LogicalSwitchPort.Column.name]?.string, !ports.contains(name) {
                    out.append(.removeSwitchPort(name: name))
                }
            }
        }
        for lr in replica.rows(NB.LogicalRouter.table).map(NB.LogicalRouter.init(row:)) where lr.name.hasPrefix("neutron-") {
            if !routers.contains(lr.name) { out.append(.removeRouter(name: lr.name)); continue }
            for uuid in lr.ports {
                if let name = replica.row(NB.LogicalRouterPort.table, uuid)?[NB.LogicalRouterPort.Column.name]?.string, !routerPorts.contains(name) {
                    out.append(.removeRouterPort(name: name))
                }
            }
        }
        var ownDHCP = Set<String>()
        for intent in intents { if case .switchPort(let p) = intent, p.ownDHCPv4 != nil || p.ownDHCPv6 != nil { ownDHCP.insert(p.name) } }
        for d in replica.rows(NB.DHCPOptions.table).map(NB.DHCPOptions.init(row:)) {
            if let subnet = d.externalIDs[OVNKeys.subnetID], !subnets.contains(subnet) { out.append(.removeDHCPOptions(subnetID: subnet)) }
            // A port's own row whose port no longer wants one (the port intent removes it too; this catches orphans).
            if let port = d.externalIDs[OVNKeys.portID], !ownDHCP.contains(port), !ports.contains(port) {
                out.append(.removeSwitchPort(name: port))
            }
        }
        for g in replica.rows(NB.PortGroup.table).map(NB.PortGroup.init(row:)) where g.name.hasPrefix("pg_") && !groups.contains(g.name) {
            out.append(.removePortGroup(name: g.name))
        }
        for d in replica.rows(NB.DNS.table).map(NB.DNS.init(row:)) {
            if let ls = d.externalIDs["ls_name"], ls.hasPrefix("neutron-"), !dnsSwitches.contains(ls) { out.append(.removeDNS(switchName: ls)) }
        }
        for a in replica.rows(NB.AddressSet.table).map(NB.AddressSet.init(row:)) where a.name.hasPrefix("ag_") && !addressSets.contains(a.name) {
            out.append(.removeAddressSet(name: a.name))
        }
        // Port forwarding balancers of routers no intent describes.
        var orphans = Set<String>()
        for lb in replica.rows(NB.LoadBalancer.table).map(NB.LoadBalancer.init(row:))
            where lb.externalIDs[OVNKeys.deviceOwner] == OVNKeys.portForwardingOwner {
            if let r = lb.externalIDs[OVNKeys.routerName], !routers.contains(r) { orphans.insert(r) }
        }
        out += orphans.sorted().map { .portForwardingBalancers(router: $0, []) }
        return out
    }

    /// Closes the connection.
    func close() async {
        await client.close()
        await southbound?.close()
    }
}
