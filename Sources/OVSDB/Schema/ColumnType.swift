/// A column's type: a key type, an optional value type (maps), and how many elements it holds.
public struct ColumnType: Sendable, Hashable {
    public var key: BaseType
    /// The value type; non-nil exactly for maps.
    public var value: BaseType?
    public var min: Int
    /// The most elements; `Int.max` for "unlimited".
    public var max: Int

    public init(key: BaseType, value: BaseType? = nil, min: Int = 1, max: Int = 1) {
        self.key = key
        self.value = value
        self.min = min
        self.max = max
    }

    /// Exactly one atom, not a set: `min == max == 1` and no value type.
    public var isScalar: Bool { value == nil && min == 1 && max == 1 }
    /// A map column.
    public var isMap: Bool { value != nil }
    /// Zero or one atom.
    public var isOptional: Bool { value == nil && min == 0 && max == 1 }

    init(json: JSON) throws(OVSDBError) {
        if case .string = json {
            self.init(key: try BaseType(json: json))
            return
        }
        guard case .object(let o) = json, let k = o["key"] else { throw .protocolViolation("bad column type \(json)") }
        let max: Int
        switch o["max"] {
        case .string("unlimited")?: max = .max
        case .int(let n)?: max = n
        default: max = 1
        }
        self.init(key: try BaseType(json: k), value: try o["value"].map { j throws(OVSDBError) in try BaseType(json: j) },
                  min: o["min"]?.int ?? 1, max: max)
    }

    /// A readable description for error messages, such as `set of 0 to 1 integer in [0, 4095]`.
    public var display: String {
        if isScalar { return key.display }
        let count = max == .max ? "\(min) or more" : (min == max ? "\(min)" : "\(min) to \(max)")
        if let value { return "map of \(count) \(key.display) to \(value.display)" }
        return "set of \(count) \(key.display)"
    }

    /// Reads a value of this type from its wire form, normalised (scalar → `.atom`, else `.set`/`.map`).
    public func decode(_ json: JSON) throws(OVSDBError) -> OVSDBValue {
        var interner = StringInterner(limit: 0)
        return try decode(json, interning: &interner)
    }

    /// Reads a value, sharing repeated strings of sets and maps through `interner`.
    func decode(_ json: JSON, interning interner: inout StringInterner) throws(OVSDBError) -> OVSDBValue {
        if let valueType = value {
            guard case .array(let parts) = json, parts.count == 2, parts[0] == .string("map"),
                case .array(let pairs) = parts[1]
            else { throw .protocolViolation("expected map, got \(json)") }
            var map: [Atom: Atom] = [:]
            map.reserveCapacity(pairs.count)
            for pair in pairs {
                guard case .array(let kv) = pair, kv.count == 2 else { throw .protocolViolation("bad map pair \(pair)") }
                map[interner.intern(try Atom(json: kv[0], as: key.atomicType))] =
                    interner.intern(try Atom(json: kv[1], as: valueType.atomicType))
            }
            return .map(map)
        }
        if case .array(let parts) = json, parts.count == 2, parts[0] == .string("set"), case .array(let items) = parts[1] {
            var atoms: [Atom] = []
            atoms.reserveCapacity(items.count)
            for item in items { atoms.append(interner.intern(try Atom(json: item, as: key.atomicType))) }
            if isScalar, atoms.count == 1 { return .atom(atoms[0]) }
            return .set(atoms.count > 1 ? atoms.sorted() : atoms)
        }
        let atom = interner.intern(try Atom(json: json, as: key.atomicType))
        return isScalar ? .atom(atom) : .set([atom])
    }

    /// The value a new row has in a column it was not given (RFC 7047 §5.1 defaults).
    public var defaultValue: OVSDBValue {
        if isMap { return .map([:]) }
        if min == 0 { return .empty }
        switch key.atomicType {
        case .integer: return .atom(.integer(0))
        case .real: return .atom(.real(0))
        case .boolean: return .atom(.boolean(false))
        case .string: return .atom(.string(""))  // even for an enumeration, as ovsdb-server does
        case .uuid: return .atom(.uuid(.init(uuidString: "00000000-0000-0000-0000-000000000000")!))
        }
    }

    /// Checks a value a caller wants to write and returns it normalised, or throws naming what was expected.
    public func validate(_ value: OVSDBValue, table: String, column: String) throws(OVSDBError) -> OVSDBValue {
        func fail(_ reason: String) -> OVSDBError { .schemaViolation(table: table, column: column, reason: reason) }
        switch value {
        case .map(let m):
            guard let valueType = self.value else { throw fail("expected \(display), got a map") }
            guard m.count >= min, m.count <= max else { throw fail("expected \(display), got \(m.count) pairs") }
            for (k, v) in m {
                if let why = key.violation(k) { throw fail("key: \(why)") }
                if let why = valueType.violation(v) { throw fail("value: \(why)") }
            }
            return value
        case .atom(let a):
            return try validate(.set([a]), table: table, column: column)
        case .set(let atoms):
            guard self.value == nil else { throw fail("expected \(display), got \(atoms.count == 1 ? atoms[0].display : "a set")") }
            let unique = Set(atoms)
            guard unique.count == atoms.count else { throw fail("duplicate elements in set") }
            guard atoms.count >= min, atoms.count <= max else {
                throw fail("expected \(display), got \(atoms.count == 1 ? atoms[0].display : "\(atoms.count) elements")")
            }
            for atom in atoms {
                if case .namedUUID = atom, key.atomicType == .uuid { continue }
                if let why = key.violation(atom) { throw fail(why) }
            }
            return isScalar ? .atom(atoms[0]) : .set(atoms.sorted())
        }
    }
}
