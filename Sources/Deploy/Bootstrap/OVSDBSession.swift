import OVSDB

/// A short-lived OVSDB connection for one piece of work, always closed afterwards.
enum OVSDBSession {
    static func with<T: Sendable>(
        _ endpoint: Endpoint, database: String, wait: Duration = .seconds(5),
        _ body: (OVSDBClient) async throws -> T
    ) async throws -> T {
        var options = ClientOptions()
        options.probeInterval = nil
        options.connectWait = wait
        options.connectTimeout = .seconds(2)
        // A server whose socket file just appeared may not listen yet (bind before listen): retry.
        let deadline = ContinuousClock.now + wait
        var client: OVSDBClient
        while true {
            do {
                client = try await OVSDBClient.connect(endpoint, database: database, options: options)
                break
            } catch {
                guard ContinuousClock.now < deadline else { throw error }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        do {
            let value = try await body(client)
            await client.close()
            return value
        } catch {
            await client.close()
            throw error
        }
    }

    /// Selects whole rows of `table`.
    static func select(_ client: OVSDBClient, _ table: String, where conditions: [Condition] = [], columns: [String]? = nil) async throws -> [Row] {
        guard let schema = await client.schema else { throw OVSDBError.connectionClosed }
        var txn = Transaction()
        let index = txn.select(table, where: conditions, columns: columns)
        return try await client.transact(txn).rows(at: index, table: schema.table(table))
    }

    /// Selects rows of a generated model's table (only `columns` when given; the others keep their defaults).
    static func select<M: TableModel>(_ client: OVSDBClient, _: M.Type, where conditions: [Condition] = [], columns: [String]? = nil) async throws -> [M] {
        try await select(client, M.table, where: conditions, columns: columns).map(M.init(row:))
    }
}
