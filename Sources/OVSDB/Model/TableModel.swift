public import struct Foundation.UUID

/// A typed row of one table (generated from its schema by `ovsdb-modelgen`).
public protocol TableModel: Sendable, Hashable {
    /// The table's name in the schema.
    static var table: String { get }
    /// The row's UUID; nil for a row not yet inserted.
    var uuid: UUID? { get set }
    /// Reads a row as the server sent it.
    init(row: Row)
    /// Every column's value, as sent on insert.
    var columns: [String: OVSDBValue] { get }
}

extension TableModel {
    /// Only the named columns (for an update that should leave the others alone).
    public func columns(_ names: [String]) -> [String: OVSDBValue] {
        let all = columns
        return Dictionary(uniqueKeysWithValues: names.compactMap { name in all[name].map { (name, $0) } })
    }
}

extension Transaction {
    /// Inserts a typed row.
    @discardableResult
    public mutating func insert<M: TableModel>(_ model: M, named name: String? = nil) -> NamedUUID {
        insert(M.table, model.columns, named: name, uuid: nil)
    }

    /// Writes the named columns of a typed row that has a UUID.
    @discardableResult
    public mutating func update<M: TableModel>(_ model: M, columns names: [String]) -> Int {
        guard let uuid = model.uuid else { preconditionFailure("update of a row without uuid") }
        return update(M.table, where: [.uuid(uuid)], model.columns(names))
    }

    /// Deletes a typed row that has a UUID.
    @discardableResult
    public mutating func delete<M: TableModel>(_ model: M) -> Int {
        guard let uuid = model.uuid else { preconditionFailure("delete of a row without uuid") }
        return delete(M.table, where: [.uuid(uuid)])
    }
}

extension Replica {
    /// Every row of the model's table, typed.
    public func all<M: TableModel>(_: M.Type) -> [M] { rows(M.table).map(M.init(row:)) }

    /// One row of the model's table, typed.
    public func get<M: TableModel>(_: M.Type, _ uuid: UUID) -> M? { row(M.table, uuid).map(M.init(row:)) }

    /// Rows of the model's table found through an index (`column`, or `column:key`).
    public func find<M: TableModel>(_: M.Type, where column: String, key: String? = nil, is value: String) -> [M] {
        rows(M.table, where: column, key: key, is: .string(value)).map(M.init(row:))
    }
}

extension Row {
    /// A column's value, or the empty set when the row does not have it.
    public func value(_ column: String) -> OVSDBValue { self[column] ?? .empty }
}
