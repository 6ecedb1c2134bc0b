public import struct Foundation.UUID

/// One row: its UUID and the columns that were read or are to be written.
public struct Row: Sendable, Hashable {
    public var uuid: UUID
    public var columns: [String: OVSDBValue]

    public init(uuid: UUID, columns: [String: OVSDBValue] = [:]) {
        self.uuid = uuid
        self.columns = columns
    }

    /// The value of a column, if the row has it.
    public subscript(column: String) -> OVSDBValue? {
        get { columns[column] }
        set { columns[column] = newValue }
    }
}

extension TableSchema {
    /// Reads a `<row>` object, normalising every value to its column's type.
    ///
    /// Column names are taken from the schema so that every row shares their storage.
    /// `filling` lists columns that get their default value when absent: an `update2` insert
    /// leaves out every column that has its default.
    func decodeRow(uuid: UUID, _ json: JSON, filling: [ColumnSchema] = []) throws(OVSDBError) -> Row {
        var interner = StringInterner(limit: 0)
        return try decodeRow(uuid: uuid, json, filling: filling, interning: &interner)
    }

    func decodeRow(uuid: UUID, _ json: JSON, filling: [ColumnSchema], interning interner: inout StringInterner) throws(OVSDBError) -> Row {
        guard case .object(let members) = json else { throw .protocolViolation("row is not an object: \(json)") }
        var columns: [String: OVSDBValue] = [:]
        columns.reserveCapacity(Swift.max(members.count, filling.count))
        for column in filling { columns[column.name] = column.type.defaultValue }
        for (name, valueJSON) in members {
            guard let column = self.columns[name] else { continue }  // `_version` and friends
            columns[column.name] = try column.type.decode(valueJSON, interning: &interner)
        }
        return Row(uuid: uuid, columns: columns)
    }

    /// Applies an `update2` "modify" diff (RFC 7047 extension, ovsdb-server(7)) to a row.
    func applyDiff(_ json: JSON, to row: inout Row, interning interner: inout StringInterner) throws(OVSDBError) {
        guard case .object(let members) = json else { throw .protocolViolation("diff is not an object: \(json)") }
        for (name, diffJSON) in members {
            guard let column = self.columns[name] else { continue }
            let diff = try column.type.decode(diffJSON, interning: &interner)
            let old = row.columns[column.name] ?? column.type.defaultValue
            row.columns[column.name] = Self.apply(diff: diff, to: old, type: column.type)
        }
    }

    /// Scalars are replaced; sets take the symmetric difference; map pairs are added, removed
    /// (same pair present) or replaced (same key, other value).
    static func apply(diff: OVSDBValue, to old: OVSDBValue, type: ColumnType) -> OVSDBValue {
        switch (old, diff) {
        case (.map(var current), .map(let changes)):
            for (key, value) in changes {
                if let existing = current[key], existing == value { current[key] = nil } else { current[key] = value }
            }
            return .map(current)
        case (.set(var current), .set(let changes)):
            // `current` is kept sorted: each change is a binary search, not a re-sort of the whole set.
            for atom in changes {
                let index = current.insertionIndex(of: atom)
                if index < current.count, current[index] == atom { current.remove(at: index) } else { current.insert(atom, at: index) }
            }
            return .set(current)
        default:
            return diff
        }
    }
}

extension Array where Element == Atom {
    /// Where `atom` is or would go in this sorted array.
    func insertionIndex(of atom: Atom) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < atom { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
