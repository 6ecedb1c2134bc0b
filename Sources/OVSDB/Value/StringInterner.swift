/// Shares the storage of strings that repeat across rows (`external_ids` keys, project ids,
/// network names), so ten thousand rows hold one copy of each instead of ten thousand.
///
/// The pool is bounded: when it holds `limit` strings it starts over, so strings of rows that
/// are long gone do not stay alive.
struct StringInterner {
    private var pool: Set<String> = []
    private let limit: Int

    init(limit: Int = 50_000) { self.limit = limit }

    /// The pooled copy of `s` (which becomes the pooled copy if there is none yet).
    mutating func intern(_ s: String) -> String {
        // Short strings are stored inline in the String value itself; pooling them saves nothing.
        guard limit > 0, s.utf8.count > 15 else { return s }
        if let index = pool.firstIndex(of: s) { return pool[index] }
        if pool.count >= limit { pool.removeAll(keepingCapacity: true) }
        pool.insert(s)
        return s
    }

    mutating func intern(_ atom: Atom) -> Atom {
        if case .string(let s) = atom { return .string(intern(s)) }
        return atom
    }
}
