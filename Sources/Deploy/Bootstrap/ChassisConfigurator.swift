import OVNModel
import OVSDB

/// Writes a `ChassisConfig` into a node's Open_vSwitch database through the OVSDB library, the
/// way `ovs-vsctl init`, `add-br`, `add-port` and `set Open_vSwitch . external_ids:…` would.
/// Idempotent: a second run finds everything in place and changes nothing.
public enum ChassisConfigurator {
    /// Connects to the node's database socket and applies the configuration.
    public static func apply(_ config: ChassisConfig, socket: String) async throws {
        try await OVSDBSession.with(.unix(path: socket), database: VSwitch.database) { try await apply(config, client: $0) }
    }

    static func apply(_ config: ChassisConfig, client: OVSDBClient) async throws {
        typealias Root = VSwitch.OpenVSwitch
        typealias Bridge = VSwitch.Bridge
        typealias Port = VSwitch.Port
        guard let schema = await client.schema else { throw OVSDBError.connectionClosed }
        var read = Transaction()
        let rootIndex = read.select(Root.table, columns: ["_uuid", Root.Column.bridges])
        let bridgeIndex = read.select(Bridge.table, columns: ["_uuid", Bridge.Column.name, Bridge.Column.ports])
        let portIndex = read.select(Port.table, columns: ["_uuid", Port.Column.name])
        let current = try await client.transact(read)
        let roots = try current.rows(at: rootIndex, table: schema.table(Root.table)).map(Root.init(row:))
        let bridges = try current.rows(at: bridgeIndex, table: schema.table(Bridge.table)).map(Bridge.init(row:))
        let ports = try current.rows(at: portIndex, table: schema.table(Port.table)).map(Port.init(row:))
        let bridgeByName = Dictionary(bridges.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let portsByUUID = Dictionary(ports.compactMap { p in p.uuid.map { ($0, p.name) } }, uniquingKeysWith: { a, _ in a })

        var txn = Transaction()
        let root: Condition
        if let uuid = roots.first?.uuid {
            root = .uuid(uuid)
            txn.mutate(Root.table, where: [root], [
                .delete(Root.Column.externalIDs, .strings(Array(config.externalIDs.keys))),
                .insert(Root.Column.externalIDs, .stringMap(config.externalIDs)),
            ])
        } else {
            let name = txn.insert(Root.table, [Root.Column.externalIDs: .stringMap(config.externalIDs)], named: "root")
            root = .named(name)
        }
        for bridge in config.bridges {
            var columns: [String: OVSDBValue] = [
                Bridge.Column.datapathType: .string(bridge.datapathType),
                Bridge.Column.otherConfig: .stringMap(bridge.otherConfig),
            ]
            if let failMode = bridge.failMode { columns[Bridge.Column.failMode] = .string(failMode) }
            if let existing = bridgeByName[bridge.name], let uuid = existing.uuid {
                let have = Set(existing.ports.compactMap { portsByUUID[$0] })
                let missing = bridge.ports.filter { !have.contains($0.key) }
                txn.update(Bridge.table, where: [.uuid(uuid)], columns)
                let refs = missing.sorted { $0.key < $1.key }.map { insertPort(name: $0.key, type: $0.value, into: &txn) }
                if !refs.isEmpty {
                    txn.mutate(Bridge.table, where: [.uuid(uuid)], [.insert(Bridge.Column.ports, .set(refs.map { .namedUUID($0.name) }))])
                }
            } else {
                let refs = bridge.ports.sorted { $0.key < $1.key }.map { insertPort(name: $0.key, type: $0.value, into: &txn) }
                columns[Bridge.Column.name] = .string(bridge.name)
                columns[Bridge.Column.ports] = .set(refs.map { .namedUUID($0.name) })
                let ref = txn.insert(Bridge.table, columns)
                txn.mutate(Root.table, where: [root], [.insert(Root.Column.bridges, .named(ref))])
            }
        }
        try await client.transact(txn)
    }

    /// Inserts an interface and its port (the port references the interface by its named UUID).
    private static func insertPort(name: String, type: String, into txn: inout Transaction) -> NamedUUID {
        typealias Interface = VSwitch.Interface
        typealias Port = VSwitch.Port
        let interface = txn.insert(Interface.table, [Interface.Column.name: .string(name), Interface.Column.type: .string(type)])
        return txn.insert(Port.table, [Port.Column.name: .string(name), Port.Column.interfaces: .named(interface)])
    }
}
