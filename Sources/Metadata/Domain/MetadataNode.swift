/// The EC2-style metadata tree: leaves are values, directories list their entries. A directory entry may carry
/// its own listing label (EC2's `public-keys/` lists `0=<key name>`, not `0/`).
indirect enum MetadataNode: Sendable, Equatable {
    /// A value, answered as is.
    case leaf(String)
    /// Named entries, listed in the order given.
    case directory([Entry])

    /// One entry of a directory.
    struct Entry: Sendable, Equatable {
        var name: String
        var node: MetadataNode
        /// What the listing shows instead of `name` (or `name/` for a directory).
        var label: String?

        init(_ name: String, _ node: MetadataNode, label: String? = nil) {
            self.name = name
            self.node = node
            self.label = label
        }
    }

    /// A directory of entries sorted by name, as nova lists dictionaries.
    static func sorted(_ entries: [Entry]) -> MetadataNode { .directory(entries.sorted { $0.name < $1.name }) }

    /// The node at `path` (components without empty ones), nil when there is none.
    func lookup(_ path: some Collection<String>) -> MetadataNode? {
        guard let first = path.first else { return self }
        guard case .directory(let entries) = self, let entry = entries.first(where: { $0.name == first }) else { return nil }
        return entry.node.lookup(path.dropFirst())
    }

    /// The answer body: a leaf's value, or a directory's lines (sub-directories with `/`), without a trailing newline.
    var text: String {
        switch self {
        case .leaf(let value): value
        case .directory(let entries):
            entries.map { entry in
                if let label = entry.label { return label }
                if case .directory = entry.node { return entry.name + "/" }
                return entry.name
            }.joined(separator: "\n")
        }
    }
}
