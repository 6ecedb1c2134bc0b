import NIOCore
import Logging

extension OVSDBClient {
    /// The open connection, waiting up to `connectWait` for a reconnect in progress.
    func activeConnection() async throws -> RPCConnection {
        let deadline = ContinuousClock.now + options.connectWait
        while true {
            if closed { throw OVSDBError.connectionClosed }
            if let connection, connection.isActive { return connection }
            if ContinuousClock.now >= deadline { throw OVSDBError.unreachable("no connection to \(endpointList) within \(options.connectWait)") }
            await waitForConnection(until: deadline)
        }
    }

    private var endpointList: String { endpoints.map(\.description).joined(separator: ",") }

    private func waitForConnection(until deadline: ContinuousClock.Instant) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(until: deadline)
            await self?.resumeWaiters()
        }
        await withCheckedContinuation { waiters.append($0) }
        timer.cancel()
    }

    func resumeWaiters() {
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.resume() }
    }

    /// Tries each endpoint in turn (starting after the last one used) until one serves the database.
    func establish(attempts: Int) async throws {
        var lastError: any Error = OVSDBError.unreachable(endpointList)
        for _ in 0..<attempts {
            for offset in 0..<endpoints.count {
                if closed { throw OVSDBError.connectionClosed }
                let endpoint = endpoints[(nextEndpoint + offset) % endpoints.count]
                do {
                    try await open(endpoint)
                    nextEndpoint = (nextEndpoint + offset) % endpoints.count
                    return
                } catch {
                    lastError = error
                    options.logger.debug("ovsdb: \(endpoint) not usable: \(error)")
                }
            }
        }
        throw lastError
    }

    private func open(_ endpoint: Endpoint) async throws {
        let conn = try await RPCConnection.connect(
            to: endpoint, probeInterval: options.probeInterval, connectTimeout: options.connectTimeout)
        do {
            let databases = (try await conn.call("list_dbs", []).array ?? []).compactMap(\.string)
            guard databases.contains(database) else { throw OVSDBError.unknownDatabase(database) }
            if options.leaderOnly, databases.contains("_Server") { try await checkLeader(conn) }
            schema = try DatabaseSchema(json: try await conn.call("get_schema", [.string(database)]))
            for replica in replicas.values { try await startMonitor(replica, on: conn) }
            for name in heldLocks { _ = try await conn.call("lock", [.string(name)]) }
        } catch {
            await conn.close()
            throw error
        }
        connection = conn
        connectionContinuation.yield(.connected(endpoint))
        options.logger.debug("ovsdb: connected to \(database) at \(endpoint)")
        resumeWaiters()
        watch(conn)
    }

    /// A clustered database is used only through its connected leader; a follower is skipped, and
    /// a watch on `_Server` drops the connection when this server stops being the leader.
    private func checkLeader(_ conn: RPCConnection) async throws {
        let select: JSON = [
            "op": "select", "table": "Database", "where": [["name", "==", .string(database)]],
            "columns": ["model", "leader", "connected"],
        ]
        let reply = try await conn.call("transact", ["_Server", select])
        guard let row = reply.array?.first?["rows"]?.array?.first, row["model"]?.string == "clustered" else {
            return
        }
        guard row["leader"]?.bool == true, row["connected"]?.bool == true else {
            throw OVSDBError.unreachable("\(conn.endpoint) is not the cluster leader")
        }
        let watch = LeadershipWatch(connection: conn)
        conn.route("_leader", to: watch)
        let request: JSON = ["Database": [["columns": ["leader", "connected"], "where": [["name", "==", .string(database)]]]]]
        _ = try await conn.call("monitor_cond", ["_Server", "_leader", request])
    }

    /// Registers the replica's monitor on a connection; prefers `monitor_cond_since` to resume.
    func startMonitor(_ replica: Replica, on conn: RPCConnection) async throws {
        conn.route(replica.monitorID, to: replica)
        var requests: JSONObject = [:]
        for request in replica.requests { requests[request.table] = request.json }
        let lastTxn = replica.lastTransactionID ?? "00000000-0000-0000-0000-000000000000"
        let params: [JSON] = [.string(database), .string(replica.monitorID), .object(requests), .string(lastTxn)]
        do {
            _ = try await conn.call("monitor_cond_since", params) { (reply: consuming JSON) in
                guard case .array(var parts) = reply, parts.count == 3 else {
                    throw OVSDBError.protocolViolation("monitor_cond_since reply is not [found, last-txn-id, updates]")
                }
                reply = .null
                let found = parts[0].bool ?? false, lastTxnID = parts[1].string
                let updates = parts[2]
                parts = []
                try replica.applyMonitorReply(updates, found: found, lastTxnID: lastTxnID)
            }
        } catch OVSDBError.rpc(_, let error) where error.contains("unknown method") {
            _ = try await conn.call("monitor_cond", Array(params.prefix(3))) { (reply: consuming JSON) in
                try replica.applyMonitorReply(reply, found: false, lastTxnID: nil)
            }
        }
    }

    private func watch(_ conn: RPCConnection) {
        let lockEvents = lockContinuation
        Task {
            for await note in conn.notifications {
                guard let name = note.params.first?.string else { continue }
                switch note.method {
                case "locked": lockEvents.yield(.locked(name))
                case "stolen": lockEvents.yield(.stolen(name))
                default: break
                }
            }
        }
        conn.closed.whenComplete { _ in
            Task { await self.connectionLost(conn) }
        }
    }

    private func connectionLost(_ conn: RPCConnection) {
        guard connection === conn else { return }
        connection = nil
        connectionContinuation.yield(.disconnected(conn.endpoint))
        guard !closed else { return }
        options.logger.warning("ovsdb: lost \(database) at \(conn.endpoint), reconnecting")
        nextEndpoint += 1  // a failed leader is tried last
        reconnecting = Task { await self.reconnectLoop() }
    }

    private func reconnectLoop() async {
        var delay = options.reconnectBackoff.first
        while !closed, !Task.isCancelled {
            do {
                try await establish(attempts: 1)
                return
            } catch {
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, options.reconnectBackoff.longest)
            }
        }
    }
}

/// Closes the connection when `_Server` says the server lost leadership or its cluster.
private final class LeadershipWatch: MonitorSink {
    let connection: RPCConnection
    init(connection: RPCConnection) { self.connection = connection }

    func apply(updates: JSON, lastTxnID: String?) throws {
        guard case .object(let rows)? = updates["Database"] else { return }
        for (_, update) in rows {
            guard case .object(let o) = update, let row = o.members.first?.value else { continue }
            if row["leader"] == .bool(false) || row["connected"] == .bool(false) {
                connection.channel.close(promise: nil)
            }
        }
    }
}
