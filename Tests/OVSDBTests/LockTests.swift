import OVSDB
import OVSDBTestSupport
import Testing

/// OVSDB locks, as ovn-northd uses them to have one active instance.
@Suite struct LockTests {
    @Test func lockStealAndUnlock() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        let a = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound")
        let b = try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound")
        var aEvents = a.lockEvents.makeAsyncIterator()
        var bEvents = b.lockEvents.makeAsyncIterator()

        #expect(try await a.lock("northd") == true)
        #expect(try await b.lock("northd") == false)

        var txn = Transaction()
        txn.assert(lock: "northd")
        txn.insert("Logical_Switch", ["name": "by-holder"])
        try await a.transact(txn)
        await #expect(throws: OVSDBError.self) { try await b.transact(txn) }

        try await a.unlock("northd")
        #expect(await bEvents.next() == .locked("northd"))

        try await a.steal("northd")
        #expect(await bEvents.next() == .stolen("northd"))
        _ = aEvents
        await a.close()
        await b.close()
    }
}
