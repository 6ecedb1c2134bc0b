import NIOCore
import Logging

/// A client of one database on one OVSDB server or cluster, with reconnect and monitored replicas.
///
/// Requests may overlap freely; replies are matched by id. When the connection drops, requests
/// in flight fail with `OVSDBError.connectionClosed` (their outcome is unknown), new requests wait
/// for the reconnect, and every replica is caught up before it sees new updates.
public actor OVSDBClient {
    public nonisolated let database: String
    public nonisolated let endpoints: [Endpoint]
    public nonisolated let options: ClientOptions
    /// Connection changes as they happen.
    public nonisolated let connectionEvents: AsyncStream<ConnectionEvent>
    /// `locked` and `stolen` notifications for locks this client asked for.
    public nonisolated let lockEvents: AsyncStream<LockEvent>
    nonisolated let connectionContinuation: AsyncStream<ConnectionEvent>.Continuation
    nonisolated let lockContinuation: AsyncStream<LockEvent>.Continuation

    var connection: RPCConnection?
    /// The schema the server reported at the last connect.
    public internal(set) var schema: DatabaseSchema?
    var replicas: [String: Replica] = [:]
    var heldLocks: Set<String> = []
    var waiters: [CheckedContinuation<Void, Never>] = []
    var closed = false
    var nextMonitor = 0
    var nextEndpoint = 0
    var reconnecting: Task<Void, Never>?

    private init(endpoints: [Endpoint], database: String, options: ClientOptions) {
        self.endpoints = endpoints
        self.database = database
        self.options = options
        (connectionEvents, connectionContinuation) = AsyncStream.makeStream(of: ConnectionEvent.self)
        (lockEvents, lockContinuation) = AsyncStream.makeStream(of: LockEvent.self)
    }

    /// Connects to the first usable endpoint (for a cluster: its leader) and reads the schema.
    public static func connect(_ endpoints: [Endpoint], database: String, options: ClientOptions = .init()) async throws -> OVSDBClient {
        precondition(!endpoints.isEmpty, "at least one endpoint")
        let client = OVSDBClient(endpoints: endpoints, database: database, options: options)
        try await client.establish(attempts: 1)
        return client
    }

    /// Connects to a single endpoint.
    public static func connect(_ endpoint: Endpoint, database: String, options: ClientOptions = .init()) async throws -> OVSDBClient {
        try await connect([endpoint], database: database, options: options)
    }

    /// The endpoint in use, if connected.
    public var currentEndpoint: Endpoint? { connection?.endpoint }

    // MARK: Requests

    /// Runs a transaction after checking it against the schema. Throws `operationFailed` or
    /// `commitFailed` when the server refuses it; nothing of a failed transaction is applied.
    @discardableResult
    public func transact(_ transaction: Transaction) async throws -> TransactionResult {
        let conn = try await activeConnection()
        guard let schema else { throw OVSDBError.connectionClosed }
        let operations = try schema.validate(transaction)
        if operations.isEmpty { return TransactionResult(results: [], operations: []) }
        let params: [JSON] = [.string(database)] + operations.map(\.json)
        let reply = try await conn.call("transact", params)
        try Task.checkCancellation()
        guard case .array(let results) = reply else { throw OVSDBError.protocolViolation("transact reply is not an array") }
        for (index, result) in results.enumerated() {
            guard let error = result["error"]?.string else { continue }
            let details = result["details"]?.string
            if index >= operations.count { throw OVSDBError.commitFailed(error: error, details: details) }
            throw OVSDBError.operationFailed(index: index, error: error, details: details)
        }
        return TransactionResult(results: results, operations: operations)
    }

    /// Names of the databases the server has.
    public func listDatabases() async throws -> [String] {
        let reply = try await activeConnection().call("list_dbs", [])
        return (reply.array ?? []).compactMap(\.string)
    }

    /// Reads a database's schema from the server.
    public func fetchSchema(_ name: String? = nil) async throws -> DatabaseSchema {
        try DatabaseSchema(json: try await activeConnection().call("get_schema", [.string(name ?? database)]))
    }

    /// Round-trips an echo.
    public func echo(_ payload: [JSON] = ["ping"]) async throws -> [JSON] {
        try await activeConnection().call("echo", payload).array ?? []
    }

    /// Starts watching tables; returns the replica once it holds the initial snapshot.
    public func monitor(_ requests: [MonitorRequest], indexes: [ReplicaIndex] = []) async throws -> Replica {
        let conn = try await activeConnection()
        guard let schema else { throw OVSDBError.connectionClosed }
        for request in requests {
            let table = try schema.table(request.table)
            for column in request.columns ?? [] { _ = try table.column(column) }
            _ = try table.validate(request.conditions ?? [])
        }
        nextMonitor += 1
        let replica = Replica(schema: schema, requests: requests, indexes: indexes, monitorID: "m\(nextMonitor)")
        replicas[replica.monitorID] = replica
        do {
            try await startMonitor(replica, on: conn)
        } catch {
            replicas[replica.monitorID] = nil
            throw error
        }
        return replica
    }

    /// Watches every column of the given tables.
    public func monitor(tables: [String], indexes: [ReplicaIndex] = []) async throws -> Replica {
        try await monitor(tables.map { MonitorRequest($0) }, indexes: indexes)
    }

    /// Stops a replica's monitor and ends its subscribers' streams.
    public func cancel(_ replica: Replica) async throws {
        replicas[replica.monitorID] = nil
        defer { replica.finish() }
        guard let conn = connection, conn.isActive else { return }
        conn.route(replica.monitorID, to: nil)
        _ = try await conn.call("monitor_cancel", [.string(replica.monitorID)])
    }

    /// Asks for a lock; true when granted now, else a `locked` event follows when it is.
    public func lock(_ name: String) async throws -> Bool {
        heldLocks.insert(name)
        return try await activeConnection().call("lock", [.string(name)])["locked"]?.bool ?? false
    }

    /// Takes a lock from whoever holds it.
    public func steal(_ name: String) async throws {
        heldLocks.insert(name)
        _ = try await activeConnection().call("steal", [.string(name)])
    }

    /// Gives a lock back.
    public func unlock(_ name: String) async throws {
        heldLocks.remove(name)
        _ = try await activeConnection().call("unlock", [.string(name)])
    }

    /// Closes for good: no reconnect, streams end.
    public func close() async {
        closed = true
        reconnecting?.cancel()
        let conn = connection
        connection = nil
        await conn?.close()
        for replica in replicas.values { replica.finish() }
        replicas.removeAll()
        resumeWaiters()
        connectionContinuation.finish()
        lockContinuation.finish()
    }

    /// Drops the current connection as if the network failed (tests and leadership changes).
    public func disconnect() async {
        await connection?.close()
    }
}
