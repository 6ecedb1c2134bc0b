import OVSDB

/// Writes a `ChassisConfig` into a node's Open_vSwitch database through the OVSDB library, the
/// way `ovs-vsctl init`, `add-br`, `add-port` and `set Open_vSwitch . external_ids:…` would.
/// Idempotent: a second run finds everything in place and changes nothing.
public enum ChassisConfigurator {
    /// Connects to the node's database socket and applies the configuration.
    public static func apply(_ config: ChassisConfig, socket: String) async throws {
        try await OVSDBSession.with(.unix(path: socket), database: "Open_vSwitch") { try await apply(config, client: $0) }
    }

    static func apply(_ config: ChassisConfig, client: OVSDBClient) async throws {
        guard let schema = await client.schema else { throw OVSDBError.connectionClosed }
        var read = Transaction()
        let rootIndex = read.select("Open_vSwitch", columns: ["_uuid", "bridges"])
        let bridgeIndex = read.select("Bridge", columns: ["_uuid", "name", "ports"])
        let portIndex = read.select("Port", columns: ["_uuid", "name"])
        let current = try await client.transact(read)
        let roots = try current.rows(at: rootIndex, table: schema.table("Open_vSwitch"))
        let bridges = try current.rows(at: bridgeIndex, table: schema.table("Bridge"))
        let ports = try current.rows(at: portIndex, table: schema.table("Port"))
        let bridgeByName = Dictionary(bridges.map { ($0["name"]?.string ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let portsByUUID = Dictionary(ports.map { ($0.uuid, $0["name"]?.string ?? "") }, uniquingKeysWith: { a, _ in a })

        var txn = Transaction()
        let root: Condition
        if let row = roots.first {
            root = .uuid(row.uuid)
            txn.mutate("Open_vSwitch", where: [root], [
                .delete("external_ids", .strings(Array(config.externalIDs.keys))),
                .insert("external_ids", .stringMap(config.externalIDs)),
            ])
        } else {
            let name = txn.insert("Open_vSwitch", ["external_ids": .stringMap(config.externalIDs)], named: "root")
            root = .named(name)
        }
        for bridge in config.bridges {
            var columns: [String: OVSDBValue] = [
                "datapath_type": .string(bridge.datapathType),
                "other_config": .stringMap(bridge.otherConfig),
            ]
            if let failMode = bridge.failMode { columns["fail_mode"] = .string(failMode) }
            if let existing = bridgeByName[bridge.name] {
                let have = Set((existing["ports"]?.uuids ?? []).compactMap { portsByUUID[$0] })
                let missing = bridge.ports.filter { !have.contains($0.key) }
                txn.update("Bridge", where: [.uuid(existing.uuid)], columns)
                let refs = missing.sorted { $0.key < $1.key }.map { insertPort(name: $0.key, type: $0.value, into: &txn) }
                if !refs.isEmpty {
                    txn.mutate("Bridge", where: [.uuid(existing.uuid)], [.insert("ports", .set(refs.map { .namedUUID($0.name) }))])
                }
            } else {
                let refs = bridge.ports.sorted { $0.key < $1.key }.map { insertPort(name: $0.key, type: $0.value, into: &txn) }
                columns["name"] = .string(bridge.name)
                columns["ports"] = .set(refs.map { .namedUUID($0.name) })
                let ref = txn.insert("Bridge", columns)
                txn.mutate("Open_vSwitch", where: [root], [.insert("bridges", .named(ref))])
            }
        }
        try await client.transact(txn)
    }

    private static func insertPort(name: String, type: String, into txn: inout Transaction) -> NamedUUID {
        let interface = txn.insert("Interface", ["name": .string(name), "type": .string(type)])
        return txn.insert("Port", ["name": .string(name), "interfaces": .named(interface)])
    }
}
