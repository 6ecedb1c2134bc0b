/// What to watch in one table: which columns (all when nil) and which rows (all when nil).
public struct MonitorRequest: Sendable, Hashable {
    public var table: String
    public var columns: [String]?
    public var conditions: [Condition]?

    public init(_ table: String, columns: [String]? = nil, where conditions: [Condition]? = nil) {
        self.table = table
        self.columns = columns
        self.conditions = conditions
    }

    var json: JSON {
        var o: JSONObject = [:]
        if let columns { o["columns"] = .array(columns.map(JSON.string)) }
        if let conditions { o["where"] = .array(conditions.map(\.json)) }
        return .array([.object(o)])
    }
}

/// A secondary index kept by a replica: rows by the value of a column, or of one key of a map column
/// (for example `external_ids:neutron:network_name`), so lookups are not scans.
public struct ReplicaIndex: Sendable, Hashable {
    public var table: String
    public var column: String
    public var mapKey: String?

    public init(_ table: String, _ column: String, key mapKey: String? = nil) {
        self.table = table
        self.column = column
        self.mapKey = mapKey
    }

    /// The atoms a row is found under in this index.
    func keys(of row: Row) -> [Atom] {
        guard let value = row[column] else { return [] }
        if let mapKey {
            guard case .map(let m) = value, let v = m[.string(mapKey)] else { return [] }
            return [v]
        }
        return value.atoms
    }
}

/// One change seen by a replica.
public enum RowEvent: Sendable, Hashable {
    case insert(table: String, new: Row)
    case modify(table: String, old: Row, new: Row)
    case delete(table: String, old: Row)

    /// The table the row belongs to.
    public var table: String {
        switch self {
        case .insert(let t, _), .modify(let t, _, _), .delete(let t, _): t
        }
    }

    /// The row as it is after the change (before it, for a delete).
    public var row: Row {
        switch self {
        case .insert(_, let r), .modify(_, _, let r), .delete(_, let r): r
        }
    }
}
