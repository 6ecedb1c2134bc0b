import Foundation
import OVSDB
import OVSDBTestSupport
import Testing

/// Bad input gives a typed error, before sending where the schema can tell, and never a hang.
@Suite struct ErrorTests {
    private func northbound() async throws -> (TestOVSDBServer, OVSDBClient) {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        return (server, try await OVSDBClient.connect(server.endpoint, database: "OVN_Northbound"))
    }

    @Test func wrongColumnIsNamed() async throws {
        let (server, client) = try await northbound()
        defer { server.destroy() }
        var txn = Transaction()
        txn.insert("Logical_Switch", ["name": "a", "colour": "red"])
        await #expect(throws: OVSDBError.schemaViolation(table: "Logical_Switch", column: "colour", reason: "no such column")) {
            try await client.transact(txn)
        }
        await client.close()
    }

    @Test func wrongTypeNamesTheExpectedType() async throws {
        let (server, client) = try await northbound()
        defer { server.destroy() }
        var txn = Transaction()
        txn.insert("Logical_Switch_Port", ["name": "p", "tag_request": "seven"])
        do {
            try await client.transact(txn)
            Issue.record("accepted a string for an integer column")
        } catch let OVSDBError.schemaViolation(table, column, reason) {
            #expect(table == "Logical_Switch_Port" && column == "tag_request")
            #expect(reason.contains("integer in [0, 4095]"), "\(reason)")
        }
        var outOfRange = Transaction()
        outOfRange.insert("Logical_Switch_Port", ["name": "p", "tag_request": .set([.integer(5000)])])
        await #expect(throws: OVSDBError.self) { try await client.transact(outOfRange) }
        var unknownTable = Transaction()
        unknownTable.insert("Logical_Swich", ["name": "a"])
        await #expect(throws: OVSDBError.self) { try await client.transact(unknownTable) }
        await client.close()
    }

    @Test func constraintViolationIsACommitError() async throws {
        let (server, client) = try await northbound()
        defer { server.destroy() }
        var txn = Transaction()
        // Address_Set is a root table whose names the schema indexes.
        txn.insert("Address_Set", ["name": "same", "addresses": ["10.0.0.1"]])
        txn.insert("Address_Set", ["name": "same"])
        do {
            try await client.transact(txn)
            Issue.record("duplicate accepted")
        } catch let OVSDBError.commitFailed(error, _) {
            #expect(error == "constraint violation")
        }
        #expect(try server.tool("ovn-nbctl", ["--columns=name", "list", "Address_Set"]).isEmpty)
        await client.close()
    }

    @Test func referentialIntegrityIsACommitError() async throws {
        let (server, client) = try await northbound()
        defer { server.destroy() }
        var txn = Transaction()
        txn.insert("Logical_Switch", ["name": "a", "ports": .uuids([UUID()])])
        do {
            try await client.transact(txn)
            Issue.record("dangling reference accepted")
        } catch let OVSDBError.commitFailed(error, _) {
            #expect(error == "referential integrity violation")
        }
        await client.close()
    }

    @Test func failedOperationIsIndexed() async throws {
        let (server, client) = try await northbound()
        defer { server.destroy() }
        var txn = Transaction()
        txn.insert("Logical_Switch", ["name": "a"])
        txn.wait("Logical_Switch", where: [.equal("name", "a")], columns: ["name"], rows: [["name": "b"]], timeout: 0)
        do {
            try await client.transact(txn)
            Issue.record("wait did not fail")
        } catch let OVSDBError.operationFailed(index, error, _) {
            #expect(index == 1 && error == "timed out")
        }
        #expect(try server.tool("ovn-nbctl", ["ls-list"]).isEmpty)
        await client.close()
    }

    /// Starts a transaction that blocks in the server until a row changes, which never happens.
    private func blockedTransaction(_ client: OVSDBClient) async throws -> Task<TransactionResult, any Error> {
        var txn = Transaction()
        txn.wait("NB_Global", where: [], columns: ["nb_cfg"], until: .notEqual, rows: [], timeout: 60_000)
        let pending = Task { try await client.transact(txn) }
        try await Task.sleep(for: .milliseconds(200))
        return pending
    }

    @Test func serverClosingMidTransactionFailsTheRequest() async throws {
        let (server, client) = try await northbound()
        defer { server.destroy() }
        let pending = try await blockedTransaction(client)
        server.stop(kill: true)
        let result = await pending.result
        #expect(throws: OVSDBError.connectionClosed) { try result.get() }
        await client.close()
    }

    @Test func cancellingATaskCancelsItsRequest() async throws {
        let (server, client) = try await northbound()
        defer { server.destroy() }
        let pending = try await blockedTransaction(client)
        pending.cancel()
        let result = await pending.result
        #expect(throws: (any Error).self) { try result.get() }
        // The connection is still good afterwards.
        #expect(try await client.echo(["x"]) == ["x"])
        await client.close()
    }

    @Test func unreachableServerIsReported() async throws {
        await #expect(throws: OVSDBError.self) {
            _ = try await OVSDBClient.connect(.unix(path: "/tmp/no-such-ovsdb.sock"), database: "OVN_Northbound")
        }
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        await #expect(throws: OVSDBError.unknownDatabase("OVN_Southbound")) {
            _ = try await OVSDBClient.connect(server.endpoint, database: "OVN_Southbound")
        }
    }
}
