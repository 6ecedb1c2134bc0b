import Foundation
import OVSDB
import OVSDBTestSupport
import Testing

/// A three-member clustered Northbound database, as a real HA deployment runs it.
@Suite struct ClusterTests {
    @Test func findsTheLeaderAndFollowsItWhenKilled() async throws {
        let cluster = try TestOVSDBCluster(schema: TestOVSDBServer.northboundSchema, members: 3)
        defer { cluster.destroy() }
        var options = ClientOptions()
        options.reconnectBackoff = (.milliseconds(50), .milliseconds(500))
        options.connectWait = .seconds(30)
        let client = try await OVSDBClient.connect(cluster.endpoints, database: "OVN_Northbound", options: options)
        defer { Task { await client.close() } }

        let replica = try await client.monitor(tables: ["Logical_Switch"])
        let first = try #require(await client.currentEndpoint)
        #expect(cluster.isLeader(first))

        var txn = Transaction()
        txn.insert("Logical_Switch", ["name": "before"])
        try await client.transact(txn)

        cluster.kill(first)
        var after = Transaction()
        after.insert("Logical_Switch", ["name": "after"])
        // The first attempt may fail with the dying connection; the retry goes to the new leader.
        do { try await client.transact(after) } catch OVSDBError.connectionClosed { try await client.transact(after) }

        let second = try #require(await client.currentEndpoint)
        #expect(second != first)
        #expect(cluster.isLeader(second))
        let names = try cluster.tool(on: second, "ovn-nbctl", ["ls-list"])
        #expect(names.contains("before") && names.contains("after"))

        // The replica followed too (resumed with monitor_cond_since where the new leader had the history).
        try await replica.wait { Set($0.rows("Logical_Switch").compactMap { $0["name"]?.string }) == ["before", "after"] }
        let fresh = try await OVSDBClient.connect([second], database: "OVN_Northbound")
        #expect(replica.snapshot() == (try await fresh.monitor(tables: ["Logical_Switch"])).snapshot())
        #expect(replica.resyncCount >= 1)
        await fresh.close()
    }
}
