public import struct Foundation.UUID

/// A column value (RFC 7047 §5.1): one atom, a set of atoms, or a map between atoms.
///
/// Values read from a server are normalised to the column's type: a column whose type
/// allows exactly one value holds `.atom`, other non-map columns hold a sorted `.set`.
public enum OVSDBValue: Sendable, Hashable {
    case atom(Atom)
    case set([Atom])
    case map([Atom: Atom])

    /// The empty set, which is also "no value" for an optional column.
    public static let empty = OVSDBValue.set([])

    /// A string value.
    public static func string(_ s: String) -> OVSDBValue { .atom(.string(s)) }
    /// An integer value.
    public static func integer(_ i: Int) -> OVSDBValue { .atom(.integer(i)) }
    /// A boolean value.
    public static func boolean(_ b: Bool) -> OVSDBValue { .atom(.boolean(b)) }
    /// A real value.
    public static func real(_ d: Double) -> OVSDBValue { .atom(.real(d)) }
    /// A reference to an existing row.
    public static func uuid(_ u: UUID) -> OVSDBValue { .atom(.uuid(u)) }
    /// A reference to a row inserted earlier in the same transaction.
    public static func named(_ name: NamedUUID) -> OVSDBValue { .atom(.namedUUID(name.name)) }
    /// A set of strings.
    public static func strings(_ s: [String]) -> OVSDBValue { .set(s.map(Atom.string)) }
    /// A set of row references.
    public static func uuids(_ u: [UUID]) -> OVSDBValue { .set(u.map(Atom.uuid)) }
    /// A string-to-string map (the shape of every `external_ids`, `options`, `other_config`).
    public static func stringMap(_ m: [String: String]) -> OVSDBValue {
        .map(Dictionary(uniqueKeysWithValues: m.map { (Atom.string($0.key), Atom.string($0.value)) }))
    }

    /// The atoms of an atom or set (a map's keys for a map).
    public var atoms: [Atom] {
        switch self {
        case .atom(let a): [a]
        case .set(let s): s
        case .map(let m): Array(m.keys)
        }
    }

    /// The single atom of an atom or a one-element set.
    public var single: Atom? {
        switch self {
        case .atom(let a): a
        case .set(let s) where s.count == 1: s[0]
        default: nil
        }
    }

    /// The string of a string atom (or a one-element set).
    public var string: String? { if case .string(let s)? = single { s } else { nil } }
    /// The integer of an integer atom (or a one-element set).
    public var integer: Int? { if case .integer(let i)? = single { i } else { nil } }
    /// The boolean of a boolean atom (or a one-element set).
    public var boolean: Bool? { if case .boolean(let b)? = single { b } else { nil } }
    /// The real of a real atom (or a one-element set).
    public var real: Double? { if case .real(let d)? = single { d } else { nil } }
    /// The UUID of a uuid atom (or a one-element set).
    public var uuid: UUID? { if case .uuid(let u)? = single { u } else { nil } }
    /// The strings of a string set.
    public var strings: [String] { atoms.compactMap { if case .string(let s) = $0 { s } else { nil } } }
    /// The UUIDs of a uuid set.
    public var uuids: [UUID] { atoms.compactMap { if case .uuid(let u) = $0 { u } else { nil } } }
    /// The map's entries, as strings where both sides are strings.
    public var stringMap: [String: String] {
        guard case .map(let m) = self else { return [:] }
        var out: [String: String] = [:]
        out.reserveCapacity(m.count)
        for (k, v) in m { if case .string(let ks) = k, case .string(let vs) = v { out[ks] = vs } }
        return out
    }

    /// The wire form.
    public var json: JSON {
        switch self {
        case .atom(let a): a.json
        case .set(let s): s.count == 1 ? s[0].json : .array([.string("set"), .array(s.map(\.json))])
        case .map(let m):
            .array([.string("map"), .array(m.sorted { $0.key < $1.key }.map { .array([$0.key.json, $0.value.json]) })])
        }
    }
}

extension OVSDBValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .atom(.string(value)) }
    public init(integerLiteral value: Int) { self = .atom(.integer(value)) }
    public init(booleanLiteral value: Bool) { self = .atom(.boolean(value)) }
    public init(arrayLiteral elements: Atom...) { self = .set(elements) }
    public init(dictionaryLiteral elements: (Atom, Atom)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// The name of a row inserted in a transaction, to refer to it before it has a UUID.
public struct NamedUUID: Sendable, Hashable {
    /// The name, unique within the transaction.
    public let name: String
    public init(_ name: String) { self.name = name }
}
