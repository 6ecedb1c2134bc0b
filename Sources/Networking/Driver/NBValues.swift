import OVSDB

/// Comparing desired column values with a replica's: sets and maps by content, a one-element set as its atom.
enum NBValues {
    static func same(_ current: OVSDBValue?, _ desired: OVSDBValue) -> Bool {
        let current = current ?? .empty
        switch (current, desired) {
        // Maps by their pairs (a QoS row's `bandwidth` maps to integers); an empty set is an empty map.
        case (.map(let a), .map(let b)): return a == b
        case (.map, .set), (.set, .map): return current.stringMap == desired.stringMap && current.atoms.count == desired.atoms.count
        default: return current.atoms.sorted() == desired.atoms.sorted()
        }
    }

    static func map(_ m: [String: String]) -> OVSDBValue { .stringMap(m) }
    static func strings(_ s: [String]) -> OVSDBValue { .strings(s) }
    static func optional(_ b: Bool?) -> OVSDBValue { b.map { .set([.boolean($0)]) } ?? .empty }
    static func optional(_ i: Int?) -> OVSDBValue { i.map { .set([.integer($0)]) } ?? .empty }
    static func optional(_ s: String?) -> OVSDBValue { s.map { .set([.string($0)]) } ?? .empty }
}
