public import struct Foundation.UUID

/// A `where` clause element (RFC 7047 §5.1): column, function, value.
public struct Condition: Sendable, Hashable {
    /// The comparison functions of RFC 7047 §5.1.
    public enum Function: String, Sendable, Hashable {
        case lessThan = "<", lessOrEqual = "<=", equal = "==", notEqual = "!=", greaterOrEqual = ">=",
            greaterThan = ">", includes, excludes
    }

    public var column: String
    public var function: Function
    public var value: OVSDBValue

    public init(_ column: String, _ function: Function, _ value: OVSDBValue) {
        self.column = column
        self.function = function
        self.value = value
    }

    /// Matches the row with this UUID.
    public static func uuid(_ uuid: UUID) -> Condition { Condition("_uuid", .equal, .uuid(uuid)) }

    /// Matches the row inserted under this name earlier in the same transaction.
    public static func named(_ name: NamedUUID) -> Condition { Condition("_uuid", .equal, .named(name)) }

    /// Matches rows whose column equals a value.
    public static func equal(_ column: String, _ value: OVSDBValue) -> Condition { Condition(column, .equal, value) }

    var json: JSON { .array([.string(column), .string(function.rawValue), value.json]) }

    /// Whether a row satisfies this condition (used by the replica for local queries).
    public func matches(_ row: Row, uuidValue: OVSDBValue) -> Bool {
        let actual = column == "_uuid" ? uuidValue : (row[column] ?? .empty)
        switch function {
        case .equal: return Self.normalised(actual) == Self.normalised(value)
        case .notEqual: return Self.normalised(actual) != Self.normalised(value)
        case .includes: return Set(value.atoms).isSubset(of: Set(actual.atoms))
        case .excludes: return Set(value.atoms).isDisjoint(with: Set(actual.atoms))
        case .lessThan, .lessOrEqual, .greaterThan, .greaterOrEqual:
            guard let a = actual.single, let b = value.single else { return false }
            switch function {
            case .lessThan: return a < b
            case .lessOrEqual: return a < b || a == b
            case .greaterThan: return b < a
            default: return b < a || a == b
            }
        }
    }

    private static func normalised(_ v: OVSDBValue) -> OVSDBValue {
        switch v {
        case .atom(let a): .set([a])
        case .set(let s): .set(s.sorted())
        case .map: v
        }
    }
}

/// A `mutate` element (RFC 7047 §5.1): column, mutator, value.
public struct Mutation: Sendable, Hashable {
    /// The mutators of RFC 7047 §5.1.
    public enum Mutator: String, Sendable, Hashable {
        case add = "+=", subtract = "-=", multiply = "*=", divide = "/=", modulo = "%=", insert, delete
    }

    public var column: String
    public var mutator: Mutator
    public var value: OVSDBValue

    public init(_ column: String, _ mutator: Mutator, _ value: OVSDBValue) {
        self.column = column
        self.mutator = mutator
        self.value = value
    }

    /// Adds elements to a set or pairs to a map (existing keys are kept as they are).
    public static func insert(_ column: String, _ value: OVSDBValue) -> Mutation { Mutation(column, .insert, value) }
    /// Removes elements from a set, or keys (a set) or pairs (a map) from a map.
    public static func delete(_ column: String, _ value: OVSDBValue) -> Mutation { Mutation(column, .delete, value) }

    var json: JSON { .array([.string(column), .string(mutator.rawValue), value.json]) }
}
