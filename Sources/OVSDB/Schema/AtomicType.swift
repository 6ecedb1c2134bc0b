/// The five atomic types of OVSDB (RFC 7047 §3.2).
public enum AtomicType: String, Sendable, Hashable {
    case integer, real, boolean, string, uuid
}

/// An atom's type with its constraints: range, length, enumeration, reference target.
public struct BaseType: Sendable, Hashable {
    /// Whether a reference keeps the target alive (`strong`) or is dropped when it goes (`weak`).
    public enum RefType: String, Sendable, Hashable { case strong, weak }

    public var atomicType: AtomicType
    /// The allowed values, when the type is an enumeration.
    public var enumeration: Set<Atom>?
    public var minInteger: Int?
    public var maxInteger: Int?
    public var minReal: Double?
    public var maxReal: Double?
    public var minLength: Int?
    public var maxLength: Int?
    /// The table a uuid refers to.
    public var refTable: String?
    public var refType: RefType

    public init(_ atomicType: AtomicType) {
        self.atomicType = atomicType
        refType = .strong
    }

    init(json: JSON) throws(OVSDBError) {
        if case .string(let name) = json {
            guard let t = AtomicType(rawValue: name) else { throw .protocolViolation("unknown atomic type \(name)") }
            self.init(t)
            return
        }
        guard case .object(let o) = json, let name = o["type"]?.string, let t = AtomicType(rawValue: name) else {
            throw .protocolViolation("bad base type \(json)")
        }
        self.init(t)
        if let e = o["enum"] {
            // An enum is an atom or a ["set", [...]] of atoms of this type.
            if case .array(let parts) = e, parts.count == 2, parts[0] == .string("set"), case .array(let items) = parts[1] {
                var values = Set<Atom>()
                for item in items { values.insert(try Atom(json: item, as: t)) }
                enumeration = values
            } else {
                enumeration = [try Atom(json: e, as: t)]
            }
        }
        minInteger = o["minInteger"]?.int
        maxInteger = o["maxInteger"]?.int
        if case .double(let d)? = o["minReal"] { minReal = d } else if let i = o["minReal"]?.int { minReal = Double(i) }
        if case .double(let d)? = o["maxReal"] { maxReal = d } else if let i = o["maxReal"]?.int { maxReal = Double(i) }
        minLength = o["minLength"]?.int
        maxLength = o["maxLength"]?.int
        refTable = o["refTable"]?.string
        if let r = o["refType"]?.string { refType = RefType(rawValue: r) ?? .strong }
    }

    /// A readable description for error messages, such as `integer in [0, 4095]`.
    public var display: String {
        var text = atomicType.rawValue
        if let enumeration { text += " one of {\(enumeration.sorted().map(\.display).joined(separator: ", "))}" }
        if minInteger != nil || maxInteger != nil {
            text += " in [\(minInteger.map(String.init) ?? "-inf"), \(maxInteger.map(String.init) ?? "inf")]"
        }
        if minReal != nil || maxReal != nil {
            text += " in [\(minReal.map { String($0) } ?? "-inf"), \(maxReal.map { String($0) } ?? "inf")]"
        }
        if minLength != nil || maxLength != nil {
            text += " of length \(minLength ?? 0)...\(maxLength.map(String.init) ?? "")"
        }
        if let refTable { text += " (\(refType == .weak ? "weak " : "")reference to \(refTable))" }
        return text
    }

    /// Checks one atom against this type; returns why not, or nil when it fits.
    public func violation(_ atom: Atom) -> String? {
        guard atom.atomicType == atomicType else { return "expected \(display), got \(atom.atomicType.rawValue) \(atom.display)" }
        if let enumeration, !enumeration.contains(atom) { return "expected \(display), got \(atom.display)" }
        switch atom {
        case .integer(let i):
            if let minInteger, i < minInteger { return "expected \(display), got \(i)" }
            if let maxInteger, i > maxInteger { return "expected \(display), got \(i)" }
        case .real(let d):
            if let minReal, d < minReal { return "expected \(display), got \(d)" }
            if let maxReal, d > maxReal { return "expected \(display), got \(d)" }
        case .string(let s):
            // ovsdb-server refuses NUL in strings and drops the whole connection: never send one.
            if s.utf8.contains(0) { return "a string without NUL characters, got \(atom.display)" }
            let n = s.unicodeScalars.count
            if let minLength, n < minLength { return "expected \(display), got \(atom.display)" }
            if let maxLength, n > maxLength { return "expected \(display), got \(atom.display)" }
        default: break
        }
        return nil
    }
}
