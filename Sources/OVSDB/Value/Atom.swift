public import struct Foundation.UUID

/// One OVSDB atom (RFC 7047 §5.1): the scalar inside every set and map.
public enum Atom: Sendable, Hashable {
    case integer(Int)
    case real(Double)
    case boolean(Bool)
    case string(String)
    case uuid(UUID)
    /// A reference to a row inserted earlier in the same transaction.
    case namedUUID(String)

    /// The schema type this atom has (`uuid` for named-uuid too).
    public var atomicType: AtomicType {
        switch self {
        case .integer: .integer
        case .real: .real
        case .boolean: .boolean
        case .string: .string
        case .uuid, .namedUUID: .uuid
        }
    }

    /// The atom's wire form.
    public var json: JSON {
        switch self {
        case .integer(let i): .int(i)
        case .real(let d): .double(d)
        case .boolean(let b): .bool(b)
        case .string(let s): .string(s)
        case .uuid(let u): .array([.string("uuid"), .string(u.uuidString.lowercased())])
        case .namedUUID(let n): .array([.string("named-uuid"), .string(n)])
        }
    }

    /// Reads an atom of the expected type from its wire form.
    public init(json: JSON, as type: AtomicType) throws(OVSDBError) {
        switch (type, json) {
        case (.integer, .int(let i)): self = .integer(i)
        case (.real, .double(let d)): self = .real(d)
        case (.real, .int(let i)): self = .real(Double(i))
        case (.boolean, .bool(let b)): self = .boolean(b)
        case (.string, .string(let s)): self = .string(s)
        case (.uuid, .array(let pair)) where pair.count == 2:
            switch (pair[0], pair[1]) {
            case (.string("uuid"), .string(let text)):
                guard let u = UUID(uuidString: text) else { throw .protocolViolation("bad uuid \(text)") }
                self = .uuid(u)
            case (.string("named-uuid"), .string(let name)): self = .namedUUID(name)
            default: throw .protocolViolation("expected uuid, got \(json)")
            }
        default: throw .protocolViolation("expected \(type.rawValue), got \(json)")
        }
    }

    /// A readable form for error messages.
    public var display: String {
        switch self {
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .boolean(let b): String(b)
        case .string(let s): "\"\(s)\""
        case .uuid(let u): u.uuidString.lowercased()
        case .namedUUID(let n): "named-uuid \(n)"
        }
    }
}

extension Atom: Comparable {
    /// Orders atoms of one type by value, as ovsdb-server sorts sets; different types by type.
    public static func < (lhs: Atom, rhs: Atom) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): a < b
        case (.real(let a), .real(let b)): a < b
        case (.boolean(let a), .boolean(let b)): !a && b
        case (.string(let a), .string(let b)): a < b
        case (.uuid(let a), .uuid(let b)): Self.bytesLess(a, b)
        case (.namedUUID(let a), .namedUUID(let b)): a < b
        default: lhs.order < rhs.order
        }
    }

    /// Byte order equals the order of the hex text, without formatting two strings per comparison.
    private static func bytesLess(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { x in
            withUnsafeBytes(of: b.uuid) { y in
                for i in 0..<16 where x[i] != y[i] { return x[i] < y[i] }
                return false
            }
        }
    }

    private var order: Int {
        switch self {
        case .integer: 0
        case .real: 1
        case .boolean: 2
        case .string: 3
        case .uuid: 4
        case .namedUUID: 5
        }
    }
}

extension Atom: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
}
