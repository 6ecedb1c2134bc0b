/// Everything that can go wrong talking to an OVSDB server, as typed cases callers can match.
public enum OVSDBError: Error, Sendable, Equatable {
    /// The connection closed (or was never open) while the request was outstanding.
    case connectionClosed
    /// No server of the given endpoints could be reached (the last cause attached).
    case unreachable(String)
    /// The server answered a request with a JSON-RPC error (`error` member).
    case rpc(method: String, error: String)
    /// The server sent something that is not OVSDB JSON-RPC.
    case protocolViolation(String)
    /// A row, condition or mutation does not fit the schema; said before anything was sent.
    case schemaViolation(table: String, column: String?, reason: String)
    /// The database or table does not exist on the server.
    case unknownDatabase(String)
    /// One operation of a transaction failed (RFC 7047 §5.2 "error" result); index is 0-based.
    case operationFailed(index: Int, error: String, details: String?)
    /// The transaction failed at commit (constraint violation, referential integrity, …).
    case commitFailed(error: String, details: String?)
    /// A request waited longer than its deadline.
    case timeout(String)
}

extension OVSDBError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .connectionClosed: "OVSDB connection closed"
        case .unreachable(let why): "no OVSDB server reachable: \(why)"
        case .rpc(let method, let error): "OVSDB \(method) failed: \(error)"
        case .protocolViolation(let why): "OVSDB protocol violation: \(why)"
        case .schemaViolation(let table, let column, let reason):
            "\(table)\(column.map { "." + $0 } ?? ""): \(reason)"
        case .unknownDatabase(let name): "unknown database \(name)"
        case .operationFailed(let index, let error, let details):
            "operation \(index) failed: \(error)\(details.map { " (\($0))" } ?? "")"
        case .commitFailed(let error, let details): "transaction failed: \(error)\(details.map { " (\($0))" } ?? "")"
        case .timeout(let what): "timed out: \(what)"
        }
    }
}
