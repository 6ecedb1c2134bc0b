public import struct Foundation.UUID

/// A Swift type that is one OVSDB atom; typed rows are built from these.
public protocol AtomConvertible: Hashable, Sendable {
    init?(atom: Atom)
    var atom: Atom { get }
}

extension String: AtomConvertible {
    public init?(atom: Atom) { if case .string(let s) = atom { self = s } else { return nil } }
    public var atom: Atom { .string(self) }
}

extension Int: AtomConvertible {
    public init?(atom: Atom) { if case .integer(let i) = atom { self = i } else { return nil } }
    public var atom: Atom { .integer(self) }
}

extension Bool: AtomConvertible {
    public init?(atom: Atom) { if case .boolean(let b) = atom { self = b } else { return nil } }
    public var atom: Atom { .boolean(self) }
}

extension Double: AtomConvertible {
    public init?(atom: Atom) { if case .real(let d) = atom { self = d } else { return nil } }
    public var atom: Atom { .real(self) }
}

extension UUID: AtomConvertible {
    public init?(atom: Atom) { if case .uuid(let u) = atom { self = u } else { return nil } }
    public var atom: Atom { .uuid(self) }
}

extension OVSDBValue {
    /// Encodes a required single value.
    public static func scalar<T: AtomConvertible>(_ value: T) -> OVSDBValue { .atom(value.atom) }
    /// Encodes an optional value as a set of zero or one.
    public static func optional<T: AtomConvertible>(_ value: T?) -> OVSDBValue { .set(value.map { [$0.atom] } ?? []) }
    /// Encodes a set.
    public static func set<T: AtomConvertible>(of values: [T]) -> OVSDBValue { .set(values.map(\.atom).sorted()) }
    /// Encodes a map.
    public static func map<K: AtomConvertible, V: AtomConvertible>(of values: [K: V]) -> OVSDBValue {
        .map(Dictionary(uniqueKeysWithValues: values.map { ($0.key.atom, $0.value.atom) }))
    }

    /// Decodes a required single value, or `fallback` when absent or of another type.
    public func scalar<T: AtomConvertible>(_ fallback: T) -> T { single.flatMap(T.init(atom:)) ?? fallback }
    /// Decodes an optional value.
    public func optional<T: AtomConvertible>(_: T.Type) -> T? { single.flatMap(T.init(atom:)) }
    /// Decodes a set.
    public func set<T: AtomConvertible>(of _: T.Type) -> [T] { atoms.compactMap(T.init(atom:)) }
    /// Decodes a map.
    public func map<K: AtomConvertible, V: AtomConvertible>(of _: K.Type, _: V.Type) -> [K: V] {
        guard case .map(let m) = self else { return [:] }
        var out: [K: V] = [:]
        out.reserveCapacity(m.count)
        for (k, v) in m { if let key = K(atom: k), let value = V(atom: v) { out[key] = value } }
        return out
    }
}
