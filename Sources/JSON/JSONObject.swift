/// A JSON object: members in insertion order, lookups by key in O(1).
///
/// Small objects (API bodies, rows) are searched linearly and cost no more than their member array;
/// once an object has more than `indexThreshold` members it keeps a key → position index, so building
/// and reading objects with tens of thousands of members (OVSDB monitor updates) is never quadratic.
public struct JSONObject: Sendable {
    /// The members in order.
    public private(set) var members: [(key: String, value: JSON)]
    /// Position of each key in `members`; nil while the object is small.
    private var index: [String: Int]?

    /// Above this many members the object keeps an index.
    static let indexThreshold = 32

    /// An empty object.
    public init() { members = [] }

    /// An object from ordered members; a later duplicate key replaces the earlier value in place.
    public init(_ members: [(String, JSON)]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for (key, value) in members { self[key] = value }
    }

    /// The number of members.
    public var count: Int { members.count }
    /// Whether there are no members.
    public var isEmpty: Bool { members.isEmpty }
    /// The keys in order.
    public var keys: [String] { members.map(\.key) }
    /// The values in order.
    public var values: [JSON] { members.map(\.value) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    /// The member named `key`; assigning a value replaces it in place or appends it; assigning nil removes it.
    public subscript(key: String) -> JSON? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let i = position(of: key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    removeValue(forKey: key)
                }
            } else if let newValue {
                members.append((key, newValue))
                if index != nil {
                    index![key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    /// Removes the member named `key` and returns its value (O(count): meant for small objects).
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        guard let i = position(of: key) else { return nil }
        let value = members.remove(at: i).value
        rebuildIndex()
        return value
    }

    /// Empties the object and hands its members over, so the caller owns them alone and can free
    /// each value as it goes (large monitor updates are taken apart this way, never held twice).
    public mutating func takeMembers() -> [(key: String, value: JSON)] {
        index = nil
        defer { members = [] }
        return members
    }

    /// Whether a member named `key` exists.
    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    private mutating func rebuildIndex() {
        guard members.count > Self.indexThreshold else { index = nil; return }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(members.count)
        for (i, member) in members.enumerated() { positions[member.key] = i }
        index = positions
    }
}

extension JSONObject: Sequence {
    /// Iterates the members in order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSON)]> { members.makeIterator() }
    /// The number of members, for `Array(object)` and the like.
    public var underestimatedCount: Int { members.count }
}

extension JSONObject: Hashable {
    /// Equal when both have the same keys with equal values, whatever their order.
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.count == b.count && a.members.allSatisfy { b[$0.key] == $0.value }
    }

    /// Hashes the members independently of their order.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var h = Hasher()
            h.combine(member.key)
            h.combine(member.value)
            combined &+= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object with the members in the order written.
    public init(dictionaryLiteral elements: (String, JSON)...) { self.init(literal: elements) }

    /// A literal's keys are distinct (as a `Dictionary` literal's must be), so a small one is taken
    /// as written, without the duplicate-key scan: API representations are built this way by the thousand.
    init(literal elements: [(String, JSON)]) {
        if elements.count > Self.indexThreshold {
            self.init(elements)
        } else {
            self.init()
            members = elements.map { (key: $0.0, value: $0.1) }
        }
    }
}
