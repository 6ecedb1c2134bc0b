public import Foundation
import Yams

/// Reads and merges clouds.yaml files without touching the user's other clouds.
public enum CloudsFile {
    /// Why a clouds.yaml could not be merged.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Adds or replaces `entries` in the clouds.yaml at `url` (created if missing, mode 0600); other clouds and keys are kept.
    public static func merge(_ entries: [CloudEntry], into url: URL) throws {
        var (document, clouds) = try load(url)
        for entry in entries { clouds[entry.name] = entry.yamlObject }
        document["clouds"] = clouds
        try write(document, to: url)
    }

    /// Removes the clouds called `names` from the clouds.yaml at `url`; other clouds and keys are kept.
    /// A missing file, or one holding none of them, is left untouched.
    public static func remove(_ names: [String], from url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        var (document, clouds) = try load(url)
        guard names.contains(where: { clouds[$0] != nil }) else { return }
        for name in names { clouds[name] = nil }
        document["clouds"] = clouds
        try write(document, to: url)
    }

    /// The document and its `clouds` mapping (both empty for a missing or empty file).
    private static func load(_ url: URL) throws -> (document: [String: Any], clouds: [String: Any]) {
        var document: [String: Any] = [:]
        if FileManager.default.fileExists(atPath: url.path) {
            let text = try String(contentsOf: url, encoding: .utf8)
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                guard let loaded = try Yams.load(yaml: text) as? [String: Any] else {
                    throw Failure(description: "\(url.path) is not a YAML mapping; fix or move it and run again")
                }
                document = loaded
            }
        }
        if document["clouds"] != nil, document["clouds"] as? [String: Any] == nil {
            throw Failure(description: "\(url.path): 'clouds' is not a mapping; fix or move it and run again")
        }
        return (document, document["clouds"] as? [String: Any] ?? [:])
    }

    /// Writes atomically with mode 0600.
    private static func write(_ document: [String: Any], to url: URL) throws {
        let text = try Yams.dump(object: document, sortKeys: true)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "cannot write \(temporary.path)")
        }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(description: "cannot replace \(url.path) (errno \(errno))")
        }
    }
}
