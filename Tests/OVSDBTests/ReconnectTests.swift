import Foundation
import OVSDB
import OVSDBTestSupport
import ProgramRunner
import Testing

/// A live client survives a server restart: it reconnects, its replica equals a fresh dump, and
/// subscribers see every change exactly once, including those made while it was away.
@Suite struct ReconnectTests {
    /// A subscriber's own model, built only from events; a lost or repeated event shows as a difference.
    private actor Model {
        var rows: [UUID: Row] = [:]
        var problems: [String] = []
        func apply(_ event: RowEvent) {
            switch event {
            case .insert(_, let new):
                if rows[new.uuid] != nil { problems.append("duplicate insert \(new.uuid)") }
                rows[new.uuid] = new
            case .modify(_, let old, let new):
                if rows[old.uuid] != old { problems.append("modify from a state never seen \(old.uuid)") }
                rows[new.uuid] = new
            case .delete(_, let old):
                if rows.removeValue(forKey: old.uuid) == nil { problems.append("delete of unknown \(old.uuid)") }
            }
        }
    }

    @Test func restartUnderALiveClient() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        var options = ClientOptions()
        options.reconnectBackoff = (.milliseconds(20), .milliseconds(200))
        let client = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound", options: options)
        defer { Task { await client.close() } }
        let replica = try await client.monitor(tables: ["Logical_Switch"])
        let model = Model()
        let stream = replica.events()
        let consumer = Task { for await event in stream { await model.apply(event) } }

        for name in ["keep", "change", "drop"] { try server.tool("ovn-nbctl", ["ls-add", name]) }
        try await replica.wait { $0.count("Logical_Switch") == 3 }

        // While the server is down, change its database file directly.
        server.stop()
        try Program.run("ovsdb-tool", ["transact", server.databaseFile, """
            ["OVN_Northbound",
             {"op": "update", "table": "Logical_Switch", "where": [["name", "==", "change"]], "row": {"external_ids": ["map", [["k", "v"]]]}},
             {"op": "delete", "table": "Logical_Switch", "where": [["name", "==", "drop"]]},
             {"op": "insert", "table": "Logical_Switch", "row": {"name": "new"}}]
            """])
        try server.start()

        try await replica.wait { r in
            Set(r.rows("Logical_Switch").compactMap { $0["name"]?.string }) == ["keep", "change", "new"]
        }
        // After the reconnect the client works as before.
        try server.tool("ovn-nbctl", ["ls-add", "after"])
        try await replica.wait { $0.count("Logical_Switch") == 4 }

        // The replica equals what a brand-new client sees.
        let fresh = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound")
        let freshReplica = try await fresh.monitor(tables: ["Logical_Switch"])
        #expect(replica.snapshot() == freshReplica.snapshot())
        await fresh.close()

        // The subscriber's model, built from events alone, equals it too, with no event lost or repeated.
        let deadline = ContinuousClock.now + .seconds(10)
        while await model.rows != replica.snapshot()["Logical_Switch"], ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        consumer.cancel()
        #expect(await model.problems == [])
        #expect(await model.rows == replica.snapshot()["Logical_Switch"])
        #expect(replica.resyncCount >= 1)
    }

    @Test func requestsWaitForTheReconnect() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        var options = ClientOptions()
        options.reconnectBackoff = (.milliseconds(20), .milliseconds(100))
        let client = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound", options: options)
        defer { Task { await client.close() } }
        server.stop(kill: true)
        let restart = Task {
            try await Task.sleep(for: .milliseconds(300))
            try server.start()
        }
        var txn = Transaction()
        txn.insert("Logical_Switch", ["name": "late"])
        // Either the transaction waits for the new connection, or it failed as the old one died;
        // it never hangs and the client ends up connected.
        _ = try? await client.transact(txn)
        try await restart.value
        #expect(try await client.echo(["ok"]) == ["ok"])
        try await client.transact(txn)
        #expect(try server.tool("ovn-nbctl", ["ls-list"]).contains("late"))
    }
}
