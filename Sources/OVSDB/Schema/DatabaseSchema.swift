/// A database schema (RFC 7047 §3.2), read from an `.ovsschema` file or `get_schema`.
public struct DatabaseSchema: Sendable {
    public let name: String
    public let version: String
    public let tables: [String: TableSchema]
    /// The document it was read from, to hand to tools that want the original.
    public let json: JSON

    public init(json: JSON) throws(OVSDBError) {
        guard case .object(let o) = json, let name = o["name"]?.string, case .object(let t)? = o["tables"] else {
            throw .protocolViolation("not a database schema")
        }
        self.name = name
        self.version = o["version"]?.string ?? ""
        var tables: [String: TableSchema] = [:]
        for (tableName, tableJSON) in t { tables[tableName] = try TableSchema(name: tableName, json: tableJSON) }
        self.tables = tables
        self.json = json
    }

    /// Reads an `.ovsschema` file.
    public init(contentsOf path: String) throws {
        let data = try FileBytes.read(path)
        try self.init(json: try JSONParser.parse(data))
    }

    /// The table, or a schema violation naming it.
    public func table(_ name: String) throws(OVSDBError) -> TableSchema {
        guard let table = tables[name] else {
            throw .schemaViolation(table: name, column: nil, reason: "no such table in \(self.name)")
        }
        return table
    }
}

/// One table of a schema.
public struct TableSchema: Sendable {
    public let name: String
    public let columns: [String: ColumnSchema]
    /// Root tables keep rows alive without references.
    public let isRoot: Bool
    public let maxRows: Int?
    /// Sets of columns whose values must be unique across rows.
    public let indexes: [[String]]

    init(name: String, json: JSON) throws(OVSDBError) {
        guard case .object(let o) = json, case .object(let c)? = o["columns"] else {
            throw .protocolViolation("bad table \(name)")
        }
        self.name = name
        var columns: [String: ColumnSchema] = [:]
        for (columnName, columnJSON) in c {
            columns[columnName] = try ColumnSchema(name: columnName, json: columnJSON)
        }
        self.columns = columns
        isRoot = o["isRoot"]?.bool ?? false
        maxRows = o["maxRows"]?.int
        indexes = (o["indexes"]?.array ?? []).map { ($0.array ?? []).compactMap(\.string) }
    }

    /// The column's schema, or a violation naming table and column. `_uuid` and `_version` are implicit.
    public func column(_ name: String) throws(OVSDBError) -> ColumnSchema {
        if let column = columns[name] { return column }
        if name == "_uuid" || name == "_version" {
            return ColumnSchema(name: name, type: ColumnType(key: BaseType(.uuid)), isMutable: false, isEphemeral: false)
        }
        throw .schemaViolation(table: self.name, column: name, reason: "no such column")
    }

    /// Column names in a stable order (for generated code and dumps).
    public var columnNames: [String] { columns.keys.sorted() }
}

/// One column of a table.
public struct ColumnSchema: Sendable {
    public let name: String
    public let type: ColumnType
    public let isMutable: Bool
    public let isEphemeral: Bool

    init(name: String, type: ColumnType, isMutable: Bool, isEphemeral: Bool) {
        self.name = name
        self.type = type
        self.isMutable = isMutable
        self.isEphemeral = isEphemeral
    }

    init(name: String, json: JSON) throws(OVSDBError) {
        guard let t = json["type"] else { throw .protocolViolation("column \(name) has no type") }
        self.name = name
        type = try ColumnType(json: t)
        isMutable = json["mutable"]?.bool ?? true
        isEphemeral = json["ephemeral"]?.bool ?? false
    }
}
