import Foundation

/// The agent's one owner of state: what it has made for each instance, written to disk (atomically, one
/// JSON file per instance) before memory, so that a restarted agent adopts what it finds.
actor AgentStore {
    private let directory: URL
    private var instances: [String: LocalInstance] = [:]

    /// Loads every record under `directory` (created if missing); unreadable files are skipped and named.
    init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                  let record = try? JSONDecoder().decode(LocalInstance.self, from: data) else { continue }
            instances[record.id] = record
        }
    }

    /// Every instance this node has something of.
    var all: [String: LocalInstance] { instances }

    /// One instance's record.
    func instance(_ id: String) -> LocalInstance? { instances[id] }

    /// Saves a record (disk first).
    func save(_ record: LocalInstance) throws {
        let data = try JSONEncoder().encode(record)
        try data.write(to: file(record.id), options: .atomic)
        instances[record.id] = record
    }

    /// Changes a record in place and saves it.
    @discardableResult
    func update(_ id: String, _ change: (inout LocalInstance) -> Void) throws -> LocalInstance? {
        guard var record = instances[id] else { return nil }
        change(&record)
        try save(record)
        return record
    }

    /// Forgets an instance (everything it had is gone).
    func remove(_ id: String) {
        try? FileManager.default.removeItem(at: file(id))
        instances[id] = nil
    }

    private func file(_ id: String) -> URL { directory.appendingPathComponent("\(id).json") }
}
