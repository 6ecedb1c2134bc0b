public import struct Foundation.UUID

/// One row: its UUID and the columns that were read or are to be written.
///
/// A replica's rows store only the columns whose value is not the default, and read the others
/// from `defaults` (shared by every row of the table): most of a row's columns are empty.
public struct Row: Sendable, Hashable {
    public var uuid: UUID
    /// The stored values; for a replica's rows, only those that differ from the column's default.
    public var columns: [String: OVSDBValue]
    /// Values of columns not stored (shared by the rows of a table); not part of equality.
    public var defaults: ColumnDefaults?

    public init(uuid: UUID, columns: [String: OVSDBValue] = [:], defaults: ColumnDefaults? = nil) {
        self.uuid = uuid
        self.columns = columns
        self.defaults = defaults
    }

    /// The value of a column: stored, else its default when the row is a replica's, else nil.
    public subscript(column: String) -> OVSDBValue? {
        get { columns[column] ?? defaults?.values[column] }
        set { columns[column] = newValue }
    }

    /// Every column the row has a value for, defaults included.
    public var allColumns: [String: OVSDBValue] {
        guard let defaults else { return columns }
        return columns.merging(defaults.values) { stored, _ in stored }
    }

    public static func == (a: Row, b: Row) -> Bool { a.uuid == b.uuid && a.columns == b.columns }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(uuid)
        hasher.combine(columns)
    }
}

/// The default value of each monitored column of one table, shared by all its rows in a replica.
public final class ColumnDefaults: Sendable {
    public let values: [String: OVSDBValue]
    init(_ columns: [ColumnSchema]) {
        values = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.type.defaultValue) })
    }
}

extension TableSchema {
    /// Reads a `<row>` object, normalising every value to its column's type.
    ///
    /// Column names are taken from the schema so that every row shares their storage.
    /// Reads a row with every column it was sent (a select result).
    func decodeRow(uuid: UUID, _ json: JSON) throws(OVSDBError) -> Row {
        var interner = StringInterner(limit: 0)
        return try decodeRow(uuid: uuid, json, defaults: nil, interning: &interner)
    }

    /// Reads a row; with `defaults` (a replica's row) values equal to their default are not stored,
    /// which also covers the columns an `update2` insert leaves out because they have their default.
    func decodeRow(uuid: UUID, _ json: JSON, defaults: ColumnDefaults?, interning interner: inout StringInterner) throws(OVSDBError) -> Row {
        guard case .object(let members) = json else { throw .protocolViolation("row is not an object: \(json)") }
        var columns: [String: OVSDBValue] = [:]
        columns.reserveCapacity(members.count)
        for (name, valueJSON) in members {
            guard let column = self.columns[name] else { continue }  // `_version` and friends
            let value = try column.type.decode(valueJSON, interning: &interner)
            if let defaults, defaults.values[column.name] == value { continue }
            columns[column.name] = value
        }
        return Row(uuid: uuid, columns: columns, defaults: defaults)
    }

    /// Applies an `update2` "modify" diff (RFC 7047 extension, ovsdb-server(7)) to a row.
    func applyDiff(_ json: JSON, to row: inout Row, interning interner: inout StringInterner) throws(OVSDBError) {
        guard case .object(let members) = json else { throw .protocolViolation("diff is not an object: \(json)") }
        for (name, diffJSON) in members {
            guard let column = self.columns[name] else { continue }
            let diff = try column.type.decode(diffJSON, interning: &interner)
            let old = row.columns[column.name] ?? column.type.defaultValue
            let new = Self.apply(diff: diff, to: old, type: column.type)
            row.columns[column.name] = row.defaults?.values[column.name] == new ? nil : new
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
        case (.set, .set) where type.isOptional:
            // ovsdb-server sends an optional column's (at most one element) new value, not a difference.
            return diff
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

extension OVSDBValue {
    /// Whether the value holds `atom`: a binary search in a set read from a server (those are kept sorted).
    public func containsSorted(_ atom: Atom) -> Bool {
        switch self {
        case .atom(let a): return a == atom
        case .set(let atoms):
            let index = atoms.insertionIndex(of: atom)
            return index < atoms.count && atoms[index] == atom
        case .map(let m): return m[atom] != nil
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
