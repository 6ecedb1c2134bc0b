import Foundation
import OVSDB
import OVSDBTestSupport
import Testing

/// The library and the real OVS/OVN tools see each other's writes.
@Suite struct InteropTests {
    @Test func libraryRowsAppearInOvnNbctlShow() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        let client = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound")
        defer { Task { await client.close() } }

        var txn = Transaction()
        let port = txn.insert("Logical_Switch_Port", ["name": "vm1-port", "addresses": ["fa:16:3e:00:01:11 10.0.0.11"]])
        txn.insert("Logical_Switch", ["name": "net1", "ports": .set([.namedUUID(port.name)])])
        let router = txn.insert("Logical_Router_Port", ["name": "lrp-net1", "mac": "fa:16:3e:00:00:01", "networks": ["10.0.0.1/24"]])
        txn.insert("Logical_Router", ["name": "lr1", "ports": .set([.namedUUID(router.name)])])
        try await client.transact(txn)

        let show = try server.tool("ovn-nbctl", ["show"])
        #expect(show.contains("switch") && show.contains("(net1)"))
        #expect(show.contains("port vm1-port"))
        #expect(show.contains("addresses: [\"fa:16:3e:00:01:11 10.0.0.11\"]"))
        #expect(show.contains("router") && show.contains("(lr1)"))
        #expect(show.contains("networks: [\"10.0.0.1/24\"]"))
    }

    @Test func ovnNbctlChangesArriveInTheMonitorStream() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        let client = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound")
        defer { Task { await client.close() } }
        let replica = try await client.monitor(tables: ["Logical_Switch", "Logical_Switch_Port"])
        var events = replica.events().makeAsyncIterator()

        try server.tool("ovn-nbctl", ["ls-add", "sw0"])
        guard case .insert("Logical_Switch", let sw)? = await events.next() else { Issue.record("no insert"); return }
        #expect(sw["name"]?.string == "sw0")

        try server.tool("ovn-nbctl", ["set", "Logical_Switch", "sw0", "external_ids:\"neutron:network_name\"=demo"])
        guard case .modify("Logical_Switch", let old, let new)? = await events.next() else { Issue.record("no modify"); return }
        #expect(old["external_ids"]?.stringMap == [:])
        #expect(new["external_ids"]?.stringMap == ["neutron:network_name": "demo"])

        try server.tool("ovn-nbctl", ["lsp-add", "sw0", "p1"])
        var sawPort = false, sawSwitch = false
        for _ in 0..<2 {
            switch await events.next() {
            case .insert("Logical_Switch_Port", let p)?: sawPort = p["name"]?.string == "p1"
            case .modify("Logical_Switch", _, let s)?: sawSwitch = s["ports"]?.uuids.count == 1
            default: break
            }
        }
        #expect(sawPort && sawSwitch)

        try server.tool("ovn-nbctl", ["ls-del", "sw0"])
        var deleted: Set<String> = []
        for _ in 0..<2 {
            if case .delete(let table, _)? = await events.next() { deleted.insert(table) }
        }
        #expect(deleted == ["Logical_Switch", "Logical_Switch_Port"])
        #expect(replica.count("Logical_Switch") == 0)
    }

    /// An optional column (at most one value) changes by its new value in `update2`, not by a difference:
    /// `up` going from `[false]` to `[true]` must read `true`, and clearing it must leave it empty.
    @Test func optionalColumnsTakeTheirNewValue() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        let client = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound")
        defer { Task { await client.close() } }
        let replica = try await client.monitor(tables: ["Logical_Switch_Port"])
        try server.tool("ovn-nbctl", ["ls-add", "sw0", "--", "lsp-add", "sw0", "p0", "--", "set", "Logical_Switch_Port", "p0", "enabled=false"])
        try await replica.wait { $0.rows("Logical_Switch_Port").first?["enabled"]?.boolean == false }
        for (command, expected) in [("enabled=true", OVSDBValue.set([.boolean(true)])), ("enabled=false", .set([.boolean(false)]))] {
            try server.tool("ovn-nbctl", ["set", "Logical_Switch_Port", "p0", command])
            try await replica.wait { $0.rows("Logical_Switch_Port").first?["enabled"] == expected }
        }
        try server.tool("ovn-nbctl", ["clear", "Logical_Switch_Port", "p0", "enabled"])
        try await replica.wait { $0.rows("Logical_Switch_Port").first?["enabled"]?.atoms.isEmpty == true }
    }

    @Test func ovsVsctlChangesArriveInTheMonitorStream() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.vswitchSchema)
        defer { server.destroy() }
        try server.tool("ovs-vsctl", ["--no-wait", "init"])
        let client = try await OVSDBClient.connect(server.endpoint, database: "Open_vSwitch")
        defer { Task { await client.close() } }
        let replica = try await client.monitor(tables: ["Open_vSwitch", "Bridge"], indexes: [ReplicaIndex("Bridge", "name")])

        try server.tool("ovs-vsctl", ["--no-wait", "add-br", "br-int", "--", "set", "Bridge", "br-int", "fail_mode=secure"])
        try server.tool("ovs-vsctl", ["--no-wait", "set", "Open_vSwitch", ".", "external_ids:system-id=abc"])
        try await replica.wait {
            $0.rows("Open_vSwitch").first?["external_ids"]?.stringMap["system-id"] == "abc"
                && !$0.rows("Bridge", where: "name", is: "br-int").isEmpty
        }
        #expect(replica.rows("Bridge", where: "name", is: "br-int").first?["fail_mode"] == .set(["secure"]))
    }

    @Test func cancellingAMonitorEndsItsStreams() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        let client = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound")
        defer { Task { await client.close() } }
        let replica = try await client.monitor([MonitorRequest("Logical_Switch", columns: ["name"])])
        let stream = replica.events()
        try server.tool("ovn-nbctl", ["ls-add", "a"])
        try await replica.wait { $0.count("Logical_Switch") == 1 }
        #expect(replica.rows("Logical_Switch").first?.columns.keys.sorted() == ["name"])
        try await client.cancel(replica)
        var seen = 0
        for await _ in stream { seen += 1 }  // ends instead of waiting forever
        #expect(seen == 1)
        try server.tool("ovn-nbctl", ["ls-add", "b"])
        try await Task.sleep(for: .milliseconds(100))
        #expect(replica.count("Logical_Switch") == 1)
    }

    @Test func manyRequestsInFlightOnOneConnection() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        let client = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound")
        defer { Task { await client.close() } }
        let uuids = try await withThrowingTaskGroup(of: UUID?.self) { group in
            for i in 0..<200 {
                group.addTask {
                    var txn = Transaction()
                    let sw = txn.insert("Logical_Switch", ["name": .string("sw\(i)")])
                    return try await client.transact(txn).uuid(sw)
                }
            }
            var out: Set<UUID> = []
            for try await uuid in group { if let uuid { out.insert(uuid) } }
            return out
        }
        #expect(uuids.count == 200)
        #expect(try server.tool("ovn-nbctl", ["ls-list"]).split(separator: "\n").count == 200)
    }
}
