/// An ordered JSON object: lookups by key, iteration in insertion order.
public struct JSONObject: Sendable, Equatable, Sequence {
    /// The members in order.
    public private(set) var members: [(key: String, value: JSON)]

    /// An object from ordered members; a later duplicate key replaces the earlier value.
    public init(_ members: [(String, JSON)] = []) {
        self.members = []
        for (k, v) in members { self[k] = v }
    }

    /// The member named `key`; assigning nil removes it.
    public subscript(key: String) -> JSON? {
        get { members.first { $0.key == key }?.value }
        set {
            if let i = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSON)]> { members.makeIterator() }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.members.count == b.members.count && a.members.allSatisfy { b[$0.key] == $0.value }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// A literal's keys are distinct (like a `Dictionary` literal's), so they are taken as they are.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        members = elements.map { (key: $0.0, value: $0.1) }
    }
}
