public import struct Foundation.UUID

/// Builds the operations of one atomic `transact`.
///
/// ```swift
/// var txn = Transaction()
/// let sw = txn.insert("Logical_Switch", ["name": "sw0"])
/// txn.insert("Logical_Switch_Port", ["name": "p1"], named: "p1")
/// txn.mutate("Logical_Switch", where: [.named(sw)], [.insert("ports", .named(NamedUUID("p1")))])
/// let result = try await client.transact(txn)
/// ```
public struct Transaction: Sendable {
    public private(set) var operations: [Operation] = []
    private var nextName = 0

    public init() {}

    /// Whether there is nothing to send.
    public var isEmpty: Bool { operations.isEmpty }

    /// Inserts a row; the returned name refers to it in later operations and in the result.
    /// `uuid` asks the server to use that UUID for the row (ovsdb-server ≥ 2.13).
    @discardableResult
    public mutating func insert(_ table: String, _ row: [String: OVSDBValue], named name: String? = nil, uuid: UUID? = nil) -> NamedUUID {
        let name = name ?? {
            nextName += 1
            return "row\(nextName)"
        }()
        operations.append(.insert(table: table, row: row, uuidName: name, uuid: uuid))
        return NamedUUID(name)
    }

    /// Selects rows; the result's `rows(at:)` returns them. Returns the operation's index.
    @discardableResult
    public mutating func select(_ table: String, where conditions: [Condition] = [], columns: [String]? = nil) -> Int {
        append(.select(table: table, where: conditions, columns: columns))
    }

    /// Sets columns of the matching rows.
    @discardableResult
    public mutating func update(_ table: String, where conditions: [Condition], _ row: [String: OVSDBValue]) -> Int {
        append(.update(table: table, where: conditions, row: row))
    }

    /// Mutates columns of the matching rows in place (set/map insert and delete, arithmetic).
    @discardableResult
    public mutating func mutate(_ table: String, where conditions: [Condition], _ mutations: [Mutation]) -> Int {
        append(.mutate(table: table, where: conditions, mutations: mutations))
    }

    /// Deletes the matching rows.
    @discardableResult
    public mutating func delete(_ table: String, where conditions: [Condition]) -> Int {
        append(.delete(table: table, where: conditions))
    }

    /// Blocks the transaction until the matching rows' columns are (or are not) `rows`, for at most `timeout` ms.
    @discardableResult
    public mutating func wait(
        _ table: String, where conditions: [Condition], columns: [String], until: Condition.Function = .equal,
        rows: [[String: OVSDBValue]], timeout: Int? = nil
    ) -> Int {
        append(.wait(table: table, where: conditions, columns: columns, until: until, rows: rows, timeout: timeout))
    }

    /// Records a comment in the database log.
    public mutating func comment(_ text: String) { operations.append(.comment(text)) }

    /// Fails the transaction unless this client holds `lock`.
    public mutating func assert(lock: String) { operations.append(.assert(lock: lock)) }

    /// Asks for a durable commit (fsync before replying).
    public mutating func commit(durable: Bool) { operations.append(.commit(durable: durable)) }

    /// Appends any operation; returns its index.
    @discardableResult
    public mutating func append(_ operation: Operation) -> Int {
        operations.append(operation)
        return operations.count - 1
    }
}

/// What a committed transaction returned, per operation.
public struct TransactionResult: Sendable {
    /// The raw result objects, one per operation.
    public let results: [JSON]
    private let names: [String: Int]

    init(results: [JSON], operations: [Operation]) {
        self.results = results
        var names: [String: Int] = [:]
        for (index, op) in operations.enumerated() {
            if case .insert(_, _, let name?, _) = op { names[name] = index }
        }
        self.names = names
    }

    /// The UUID the server gave the row inserted under `name`.
    public func uuid(_ name: NamedUUID) -> UUID? {
        guard let index = names[name.name], index < results.count,
            case .array(let pair)? = results[index]["uuid"], pair.count == 2, let text = pair[1].string
        else { return nil }
        return UUID(uuidString: text)
    }

    /// The number of rows an update, mutate or delete touched.
    public func count(at index: Int) -> Int? { index < results.count ? results[index]["count"]?.int : nil }

    /// The rows a select returned, decoded with the table's schema.
    public func rows(at index: Int, table: TableSchema) throws(OVSDBError) -> [Row] {
        guard index < results.count, case .array(let rows)? = results[index]["rows"] else { return [] }
        var out: [Row] = []
        out.reserveCapacity(rows.count)
        for rowJSON in rows {
            var uuid = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
            if case .array(let pair)? = rowJSON["_uuid"], pair.count == 2, let text = pair[1].string,
                let u = UUID(uuidString: text)
            {
                uuid = u
            }
            out.append(try table.decodeRow(uuid: uuid, rowJSON))
        }
        return out
    }
}
