/// A JSON value whose objects keep their keys in insertion order, as OpenStack documents are written.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    /// The string, if this is a string.
    public var string: String? { if case .string(let s) = self { s } else { nil } }
    /// The boolean, if this is a boolean.
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The number, if this is a number.
    public var number: Double? { if case .number(let n) = self { n } else { nil } }
    /// The object, if this is an object.
    public var object: JSONObject? { if case .object(let o) = self { o } else { nil } }
    /// The elements, if this is an array.
    public var array: [JSON]? { if case .array(let a) = self { a } else { nil } }
    /// Whether this is `null`.
    public var isNull: Bool { self == .null }

    /// Member `key` of an object, or nil.
    public subscript(key: String) -> JSON? { object?[key] }

    /// The JSON type name used in validation messages ("string", "object", …).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(elements)) }
}

extension JSON {
    /// A string, or `null` when nil.
    public static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }
}
