public import struct Foundation.UUID
import Synchronization

/// An in-memory copy of the monitored part of a database, always equal to some server snapshot.
///
/// Updates are applied on the connection's event loop in the order the server sent them, under
/// one lock, and every change is published to each subscriber's stream in that same order.
/// After a reconnect the replica is caught up (`monitor_cond_since`) or replaced by the new
/// snapshot, and subscribers see exactly the differences: nothing lost, nothing repeated.
public final class Replica: Sendable {
    public let schema: DatabaseSchema
    public let requests: [MonitorRequest]
    public let indexes: [ReplicaIndex]
    /// The id this replica's monitor has on the connection.
    let monitorID: String
    /// Per table, the defaults of the monitored columns (rows store only other values).
    private let defaults: [String: ColumnDefaults]

    private struct State {
        var tables: [String: [UUID: Row]] = [:]
        var index: [ReplicaIndex: [Atom: Set<UUID>]] = [:]
        var lastTxnID: String?
        var subscribers: [Int: AsyncStream<RowEvent>.Continuation] = [:]
        var nextSubscriber = 0
        var generation = 0
        var strings = StringInterner()
    }

    private let state = Mutex(State())

    init(schema: DatabaseSchema, requests: [MonitorRequest], indexes: [ReplicaIndex], monitorID: String) {
        self.schema = schema
        self.requests = requests
        self.indexes = indexes
        self.monitorID = monitorID
        var defaults: [String: ColumnDefaults] = [:]
        for request in requests {
            guard let table = schema.tables[request.table] else { continue }
            let names = request.columns ?? table.columnNames
            defaults[request.table] = ColumnDefaults(names.compactMap { table.columns[$0] })
        }
        self.defaults = defaults
    }

    // MARK: Reading

    /// All rows of a table.
    public func rows(_ table: String) -> [Row] {
        state.withLock { Array(($0.tables[table] ?? [:]).values) }
    }

    /// The row with this UUID.
    public func row(_ table: String, _ uuid: UUID) -> Row? {
        state.withLock { $0.tables[table]?[uuid] }
    }

    /// Number of rows in a table.
    public func count(_ table: String) -> Int {
        state.withLock { $0.tables[table]?.count ?? 0 }
    }

    /// Rows found through a declared index: `column` (or `column:key`) holds `value`.
    public func rows(_ table: String, where column: String, key: String? = nil, is value: Atom) -> [Row] {
        let index = ReplicaIndex(table, column, key: key)
        return state.withLock { s in
            if let byValue = s.index[index] {
                return (byValue[value] ?? []).compactMap { s.tables[table]?[$0] }
            }
            // Not indexed: scan (correct, only slower).
            return (s.tables[table] ?? [:]).values.filter { index.keys(of: $0).contains(value) }
        }
    }

    /// A consistent copy of every table, for comparisons and dumps.
    public func snapshot() -> [String: [UUID: Row]] {
        state.withLock { $0.tables }
    }

    /// The id of the last transaction seen (from `update3`), used to resume after a reconnect.
    public var lastTransactionID: String? { state.withLock { $0.lastTxnID } }

    /// How many times the replica was caught up or rebuilt after a reconnect.
    public var resyncCount: Int { state.withLock { $0.generation } }

    /// A stream of every change from now on, in server order. Ends when the replica is cancelled.
    public func events(bufferingPolicy: AsyncStream<RowEvent>.Continuation.BufferingPolicy = .unbounded) -> AsyncStream<RowEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: RowEvent.self, bufferingPolicy: bufferingPolicy)
        let id = state.withLock { s in
            s.nextSubscriber += 1
            s.subscribers[s.nextSubscriber] = continuation
            return s.nextSubscriber
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Waits until `condition` holds for the replica (checked now and after every change), or throws
    /// `timeout`. A transaction's reply comes before its update, so a writer that wants to read its
    /// own write waits here.
    public func wait(timeout: Duration = .seconds(10), until condition: @escaping @Sendable (Replica) -> Bool) async throws {
        let stream = events()
        if condition(self) { return }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in stream where condition(self) { return true }
                return false
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            let met = try await group.next() ?? false
            group.cancelAll()
            if !met, !condition(self) { throw OVSDBError.timeout("replica condition not met within \(timeout)") }
        }
    }

    /// Ends every subscriber's stream.
    func finish() {
        let subscribers = state.withLock { s in
            defer { s.subscribers.removeAll() }
            return s.subscribers.values
        }
        for continuation in subscribers { continuation.finish() }
    }

    // MARK: Applying updates

    /// Applies the reply of `monitor_cond` / `monitor_cond_since`: a fresh snapshot replaces the
    /// rows (publishing only the differences); a found `last-txn-id` brings only the missed updates.
    func applyMonitorReply(_ updates: consuming JSON, found: Bool, lastTxnID: String?) throws {
        if found {
            try apply(updates: updates, lastTxnID: lastTxnID)
            state.withLock { $0.generation += 1 }
            return
        }
        var document = updates
        try state.withLock { s throws(OVSDBError) in
            var fresh: [String: [UUID: Row]] = [:]
            try drainRowUpdates(&document) { table, tableSchema, uuid, kind, json throws(OVSDBError) in
                guard kind == "initial" || kind == "insert" else { return }
                fresh[table, default: [:]][uuid] = try tableSchema.decodeRow(
                    uuid: uuid, json, defaults: defaults[table], interning: &s.strings)
            }
            var events: [RowEvent] = []
            for request in requests {
                let table = request.table
                let old = s.tables[table] ?? [:]
                let new = fresh[table] ?? [:]
                for (uuid, row) in new {
                    if let before = old[uuid] {
                        if before != row { events.append(.modify(table: table, old: before, new: row)) }
                    } else {
                        events.append(.insert(table: table, new: row))
                    }
                }
                for (uuid, row) in old where new[uuid] == nil { events.append(.delete(table: table, old: row)) }
            }
            if !s.tables.isEmpty || s.lastTxnID != nil { s.generation += 1 }
            s.tables = fresh
            s.lastTxnID = lastTxnID
            rebuildIndexes(&s)
            publish(events, in: s)
        }
    }

    /// Calls `body` for each row update, taking the document apart as it goes, so each row's JSON
    /// is freed once decoded and a large snapshot never exists twice (as JSON and as rows) at once.
    private func drainRowUpdates(
        _ updates: inout JSON, _ body: (String, TableSchema, UUID, String, JSON) throws(OVSDBError) -> Void
    ) throws(OVSDBError) {
        guard case .object(var tablesObject) = updates else { throw .protocolViolation("table-updates is not an object") }
        updates = .null
        var tables = tablesObject.takeMembers()
        for t in tables.indices {
            let table = tables[t].key
            var rowsJSON = tables[t].value
            tables[t].value = .null
            guard let tableSchema = schema.tables[table], case .object(var rowsObject) = rowsJSON else { continue }
            rowsJSON = .null
            var rows = rowsObject.takeMembers()
            for r in rows.indices {
                let uuidText = rows[r].key
                let update = rows[r].value
                rows[r].value = .null
                guard let uuid = UUID(uuidString: uuidText), case .object(let o) = update,
                    let (kind, json) = o.members.first
                else { throw .protocolViolation("bad row update \(uuidText)") }
                try body(table, tableSchema, uuid, kind, json)
            }
        }
    }

    private func rebuildIndexes(_ s: inout State) {
        s.index = [:]
        for index in indexes {
            var byValue: [Atom: Set<UUID>] = [:]
            for (uuid, row) in s.tables[index.table] ?? [:] {
                for key in index.keys(of: row) { byValue[key, default: []].insert(uuid) }
            }
            s.index[index] = byValue
        }
    }

    private func publish(_ events: [RowEvent], in s: State) {
        guard !events.isEmpty else { return }
        for continuation in s.subscribers.values {
            for event in events { continuation.yield(event) }
        }
    }
}

extension Replica: MonitorSink {
    /// Applies an `update2`/`update3` notification.
    public func apply(updates: JSON, lastTxnID: String?) throws {
        var document = updates
        try state.withLock { s throws(OVSDBError) in
            var events: [RowEvent] = []
            try drainRowUpdates(&document) { table, tableSchema, uuid, kind, json throws(OVSDBError) in
                let old = s.tables[table]?[uuid]
                switch kind {
                case "initial", "insert":
                    let row = try tableSchema.decodeRow(uuid: uuid, json, defaults: defaults[table], interning: &s.strings)
                    s.tables[table, default: [:]][uuid] = row
                    events.append(old.map { .modify(table: table, old: $0, new: row) } ?? .insert(table: table, new: row))
                case "modify":
                    guard var row = old else { throw .protocolViolation("modify of unknown row \(table) \(uuid)") }
                    try tableSchema.applyDiff(json, to: &row, interning: &s.strings)
                    s.tables[table]![uuid] = row
                    events.append(.modify(table: table, old: old!, new: row))
                case "delete":
                    guard let old else { return }
                    s.tables[table]![uuid] = nil
                    events.append(.delete(table: table, old: old))
                default:
                    throw .protocolViolation("unknown row update \(kind)")
                }
            }
            for event in events { updateIndexes(&s, event) }
            if let lastTxnID { s.lastTxnID = lastTxnID }
            publish(events, in: s)
        }
    }

    private func updateIndexes(_ s: inout State, _ event: RowEvent) {
        for index in indexes where index.table == event.table {
            switch event {
            case .insert(_, let new):
                for key in index.keys(of: new) { s.index[index, default: [:]][key, default: []].insert(new.uuid) }
            case .modify(_, let old, let new):
                for key in index.keys(of: old) { s.index[index]?[key]?.remove(old.uuid) }
                for key in index.keys(of: new) { s.index[index, default: [:]][key, default: []].insert(new.uuid) }
            case .delete(_, let old):
                for key in index.keys(of: old) { s.index[index]?[key]?.remove(old.uuid) }
            }
        }
    }
}
