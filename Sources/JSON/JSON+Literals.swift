extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    /// A `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An exact `.int`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// An `.array`.
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    /// `.null`.
    public init(nilLiteral: ()) { self = .null }
    /// An `.object` with the members in the order written.
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(literal: elements)) }
}
