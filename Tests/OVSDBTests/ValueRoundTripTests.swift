import Foundation
import OVSDB
import OVSDBTestSupport
import Testing

/// Every value type written by the library comes back unchanged from a real ovsdb-server.
@Suite struct ValueRoundTripTests {
    @Test func everyAtomicTypeSetAndMapRoundTrips() async throws {
        let server = try TestSchemas.server()
        defer { server.destroy() }
        let client = try await OVSDBClient.connect(server.endpoint, database: "AllTypes")
        defer { Task { await client.close() } }

        var txn = Transaction()
        let part = txn.insert("Part", ["label": "p", "size": .set([.integer(7)])])
        let buddy = txn.insert("Thing", ["name": "buddy"])
        let thing = txn.insert("Thing", [
            "name": "t1", "count": 42, "ratio": .real(2.5), "flag": true, "color": ["green"],
            "tags": ["b", "a", "c"], "weights": ["x": .real(0.25), "y": .real(-1)],
            "parts": .set([.namedUUID(part.name)]), "buddy": .set([.namedUUID(buddy.name)]),
        ])
        let result = try await client.transact(txn)
        let thingUUID = try #require(result.uuid(thing))
        let partUUID = try #require(result.uuid(part))

        var select = Transaction()
        let index = select.select("Thing", where: [.uuid(thingUUID)])
        let schema = try #require(await client.schema)
        let rows = try await client.transact(select).rows(at: index, table: try schema.table("Thing"))
        let row = try #require(rows.first)
        #expect(row["name"] == .string("t1"))
        #expect(row["count"] == .integer(42))
        #expect(row["ratio"] == .real(2.5))
        #expect(row["flag"] == .boolean(true))
        #expect(row["color"] == .set(["green"]))
        #expect(row["tags"] == .set(["a", "b", "c"]))
        #expect(row["weights"] == .map([.string("x"): .real(0.25), .string("y"): .real(-1)]))
        #expect(row["parts"]?.uuids == [partUUID])
        #expect(row["buddy"]?.uuid == result.uuid(buddy))

        // The same values through a monitor (update2 encoding) and a real tool's dump.
        let replica = try await client.monitor(tables: ["Thing", "Part"])
        #expect(replica.row("Thing", thingUUID) == row)
        let dump = try server.tool("ovsdb-client", ["dump", server.dbArgument.replacingOccurrences(of: "--db=", with: ""), "AllTypes", "Thing"])
        #expect(dump.contains("t1") && dump.contains("2.5"))
    }

    @Test func northboundColumnsRoundTrip() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        let client = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound")
        defer { Task { await client.close() } }
        let replica = try await client.monitor(tables: ["Logical_Switch", "Logical_Switch_Port"])

        var txn = Transaction()
        let port = txn.insert("Logical_Switch_Port", [
            "name": "p1", "addresses": ["fa:16:3e:00:00:01 10.0.0.5"], "port_security": ["fa:16:3e:00:00:01 10.0.0.5"],
            "tag_request": .set([.integer(100)]), "enabled": .set([.boolean(false)]),
            "options": .stringMap(["requested-chassis": "c1"]), "external_ids": .stringMap(["neutron:port_name": "x y"]),
        ])
        let sw = txn.insert("Logical_Switch", ["name": "neutron-net", "ports": .set([.namedUUID(port.name)])])
        let result = try await client.transact(txn)
        let portUUID = try #require(result.uuid(port))
        try await replica.wait { $0.row("Logical_Switch_Port", portUUID) != nil }

        let lsp = try #require(replica.row("Logical_Switch_Port", portUUID))
        #expect(lsp["tag_request"]?.integer == 100)
        #expect(lsp["enabled"]?.boolean == false)
        #expect(lsp["options"]?.stringMap == ["requested-chassis": "c1"])
        #expect(lsp["external_ids"]?.stringMap == ["neutron:port_name": "x y"])
        #expect(replica.row("Logical_Switch", try #require(result.uuid(sw)))?["ports"]?.uuids == [portUUID])
    }

    @Test func vswitchColumnsRoundTrip() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.vswitchSchema)
        defer { server.destroy() }
        try server.tool("ovs-vsctl", ["--no-wait", "init"])
        let client = try await OVSDBClient.connect(server.endpoint, database: "Open_vSwitch")
        defer { Task { await client.close() } }

        var txn = Transaction()
        let iface = txn.insert("Interface", ["name": "br-int", "type": "internal", "mtu_request": .set([.integer(1442)])])
        let port = txn.insert("Port", ["name": "br-int", "interfaces": .set([.namedUUID(iface.name)])])
        let bridge = txn.insert("Bridge", [
            "name": "br-int", "ports": .set([.namedUUID(port.name)]), "fail_mode": ["secure"],
            "datapath_type": "netdev", "mcast_snooping_enable": false,
            "other_config": .stringMap(["disable-in-band": "true"]),
        ])
        txn.mutate("Open_vSwitch", where: [], [.insert("bridges", .set([.namedUUID(bridge.name)]))])
        try await client.transact(txn)

        let shown = try server.tool("ovs-vsctl", ["--no-wait", "get", "Interface", "br-int", "mtu_request"])
        #expect(shown.trimmingCharacters(in: .whitespacesAndNewlines) == "1442")
        #expect(try server.tool("ovs-vsctl", ["--no-wait", "list-br"]).contains("br-int"))
        #expect(try server.tool("ovs-vsctl", ["--no-wait", "get", "Bridge", "br-int", "fail_mode"]).contains("secure"))
    }
}
