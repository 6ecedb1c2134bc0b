public import struct Foundation.UUID

/// One operation of a `transact` request (RFC 7047 §5.2).
public enum Operation: Sendable, Hashable {
    case insert(table: String, row: [String: OVSDBValue], uuidName: String?, uuid: UUID?)
    case select(table: String, where: [Condition], columns: [String]?)
    case update(table: String, where: [Condition], row: [String: OVSDBValue])
    case mutate(table: String, where: [Condition], mutations: [Mutation])
    case delete(table: String, where: [Condition])
    /// Waits until the selected rows' `columns` are (`==`) or are not (`!=`) exactly `rows`.
    case wait(table: String, where: [Condition], columns: [String], until: Condition.Function, rows: [[String: OVSDBValue]], timeout: Int?)
    case commit(durable: Bool)
    case abort
    case comment(String)
    /// Fails the transaction unless this client holds the lock.
    case assert(lock: String)

    /// The table the operation touches, if any.
    public var table: String? {
        switch self {
        case .insert(let t, _, _, _), .select(let t, _, _), .update(let t, _, _), .mutate(let t, _, _), .delete(let t, _),
            .wait(let t, _, _, _, _, _):
            t
        default: nil
        }
    }

    var json: JSON {
        func row(_ r: [String: OVSDBValue]) -> JSON { .object(JSONObject(r.map { ($0.key, $0.value.json) })) }
        func conditions(_ c: [Condition]) -> JSON { .array(c.map(\.json)) }
        switch self {
        case .insert(let table, let r, let name, let uuid):
            var o: JSONObject = ["op": "insert", "table": .string(table), "row": row(r)]
            if let name { o["uuid-name"] = .string(name) }
            if let uuid { o["uuid"] = .string(uuid.uuidString.lowercased()) }
            return .object(o)
        case .select(let table, let w, let columns):
            var o: JSONObject = ["op": "select", "table": .string(table), "where": conditions(w)]
            if let columns { o["columns"] = .array(columns.map(JSON.string)) }
            return .object(o)
        case .update(let table, let w, let r):
            return ["op": "update", "table": .string(table), "where": conditions(w), "row": row(r)]
        case .mutate(let table, let w, let m):
            return ["op": "mutate", "table": .string(table), "where": conditions(w), "mutations": .array(m.map(\.json))]
        case .delete(let table, let w):
            return ["op": "delete", "table": .string(table), "where": conditions(w)]
        case .wait(let table, let w, let columns, let until, let rows, let timeout):
            var o: JSONObject = [
                "op": "wait", "table": .string(table), "where": conditions(w),
                "columns": .array(columns.map(JSON.string)), "until": .string(until.rawValue), "rows": .array(rows.map(row)),
            ]
            if let timeout { o["timeout"] = .int(timeout) }
            return .object(o)
        case .commit(let durable): return ["op": "commit", "durable": .bool(durable)]
        case .abort: return ["op": "abort"]
        case .comment(let text): return ["op": "comment", "comment": .string(text)]
        case .assert(let lock): return ["op": "assert", "lock": .string(lock)]
        }
    }
}
