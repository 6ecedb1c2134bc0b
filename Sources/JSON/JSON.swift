/// One JSON value for the whole project: OVSDB's wire protocol (RFC 7047) and the OpenStack API bodies.
///
/// Integers are kept exact (`.int`) apart from other numbers (`.double`), and objects keep their
/// members in the order they were written (``JSONObject``).
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// An integer beyond `Int`, as its decimal digits: written exactly (an IPv6 /64 holds 2^64 addresses, and Python
    /// clients compare such counts exactly). The parser reads such numbers as `.double`.
    case bigInteger(String)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}

extension JSON {
    /// The string, if this is one.
    public var string: String? { if case .string(let s) = self { s } else { nil } }
    /// The boolean, if this is one.
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The integer, if this is an exact integer (`.int`); a `.double` is never truncated.
    public var int: Int? { if case .int(let i) = self { i } else { nil } }
    /// The number as a `Double`, if this is a `.double` or an `.int` (converted).
    public var double: Double? {
        switch self {
        case .double(let d): d
        case .int(let i): Double(i)
        case .bigInteger(let digits): Double(digits)
        default: nil
        }
    }
    /// The number as a `Double`, whichever kind of number this is.
    public var number: Double? { double }
    /// The elements, if this is an array.
    public var array: [JSON]? { if case .array(let a) = self { a } else { nil } }
    /// The object, if this is one.
    public var object: JSONObject? { if case .object(let o) = self { o } else { nil } }
    /// Whether this is `null`.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> JSON? {
        if case .object(let o) = self { o[key] } else { nil }
    }

    /// The JSON type name used in validation messages ("string", "object", …).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .bigInteger, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// A string, or `null` when nil.
    public static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }
}
