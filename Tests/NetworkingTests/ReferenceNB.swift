import Foundation
import OVSDB
import OVSDBTestSupport

/// The real Neutron's Northbound changes per API call, read from `shared/reference/neutron-ovn`,
/// and the same changes observed on our side, in one comparable form.
struct NBChange: Hashable, CustomStringConvertible {
    enum Kind: String { case added = "+", modified = "~", deleted = "-" }
    let kind: Kind
    let table: String
    /// The changed row's name (or match) for modified and deleted rows; empty for added rows.
    let row: String
    /// For added rows every non-default column; for modified rows the changed columns' new values.
    /// Row references are replaced by the referenced row's name (or match), so UUIDs do not matter.
    let columns: [String: String]

    var description: String {
        "\(kind.rawValue) \(table) \(row) " + columns.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

enum ReferenceNB {
    /// `shared/reference/neutron-ovn` beside the repository (CI lays `shared/` there too).
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("shared/reference/neutron-ovn").path
    }()

    /// The API response body of a recorded step.
    static func response(_ step: String) throws -> JSON {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: "\(directory)/api/api-\(step).json")))
        return try JSONParser.parse(bytes)["response"]?["body"] ?? .null
    }

    /// The raw transcript of a recorded step (request and response).
    static func transcript(_ step: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: "\(directory)/api/api-\(step).json"))
    }

    /// UUIDs of the rows the recorded steps added.
    static func addedRows(in steps: [String]) throws -> Set<String> {
        var out = Set<String>()
        for step in steps {
            let text = try String(contentsOfFile: "\(directory)/dumps/nb-diff-\(step).txt", encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("+ ") { out.insert(String(line.split(separator: " ")[2])) }
        }
        return out
    }

    /// The changes of one recorded step (`nb-diff-NN-name.txt`), references resolved by `keyOf`;
    /// references to the rows in `skipping` (added by steps not replayed) are left out of sets.
    static func changes(_ step: String, schema: DatabaseSchema, keyOf: [String: String], skipping: Set<String> = []) throws -> Set<NBChange> {
        let text = try String(contentsOfFile: "\(directory)/dumps/nb-diff-\(step).txt", encoding: .utf8)
        var out = Set<NBChange>()
        var current: (kind: NBChange.Kind, table: String, row: String, columns: [String: String])?
        var pendingColumn: String?
        func flush() {
            if let c = current { out.insert(NBChange(kind: c.kind, table: c.table, row: c.row, columns: c.columns)) }
            current = nil
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if let kind = NBChange.Kind(rawValue: String(line.prefix(1))), line.dropFirst().hasPrefix(" ") {
                flush()
                let words = line.split(separator: " ")
                let row = kind == .added ? "" : keyOf[String(words[2])] ?? headerName(line) ?? "?"
                current = (kind, String(words[1]), row, [:])
                continue
            }
            guard current != nil, let table = schema.tables[current!.table] else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("-> "), let column = pendingColumn {
                current!.columns[column] = try render(String(trimmed.dropFirst(3)), table.columns[column]!.type, keyOf, skipping)
            } else if let range = trimmed.range(of: " = "), current!.kind == .added {
                let column = String(trimmed[..<range.lowerBound])
                current!.columns[column] = try render(String(trimmed[range.upperBound...]), table.columns[column]!.type, keyOf, skipping)
            } else if trimmed.hasSuffix(":") || trimmed.contains(": ") {
                pendingColumn = String(trimmed.prefix { $0 != ":" })
            }
        }
        flush()
        return out
    }

    private static func render(_ json: String, _ type: ColumnType, _ keyOf: [String: String], _ skipping: Set<String>) throws -> String {
        render(try type.decode(JSONParser.parse(json)), keyOf, skipping: skipping)
    }

    /// `name="x"` of a `~`/`-` line (rows that existed before the first recorded step, like `neutron_pg_drop`).
    private static func headerName(_ line: String) -> String? {
        guard let r = line.range(of: " name=\"") else { return nil }
        let name = line[r.upperBound...].prefix { $0 != "\"" }
        return name.isEmpty ? nil : String(name)
    }

    /// A value as text with UUIDs replaced by the key of the row they point to and MACs by `<mac>`.
    static func render(_ value: OVSDBValue, _ keyOf: [String: String], skipping: Set<String> = []) -> String {
        func atom(_ a: Atom) -> String {
            if case .uuid(let u) = a { return "<\(keyOf[u.uuidString.lowercased()] ?? "?")>" }
            return normaliseMACs(a.display)
        }
        switch value {
        case .atom(let a): return atom(a)
        case .set(let s):
            let kept = s.filter { if case .uuid(let u) = $0 { !skipping.contains(u.uuidString.lowercased()) } else { true } }
            return "[" + kept.map(atom).sorted().joined(separator: ",") + "]"
        case .map(let m): return "{" + m.map { "\(atom($0.key)):\(atom($0.value))" }.sorted().joined(separator: ",") + "}"
        }
    }

    /// Row keys (name, else match) of every row the recorded dumps up to `step` added, by UUID.
    static func keys(upTo step: String) throws -> [String: String] {
        var keys: [String: String] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(directory)/dumps")
            .filter { $0.hasPrefix("nb-diff-") && $0 <= "nb-diff-\(step).txt" }
        for file in files {
            let text = try String(contentsOfFile: "\(directory)/dumps/\(file)", encoding: .utf8)
            var uuid: String?
            for line in text.split(separator: "\n").map(String.init) {
                if line.hasPrefix("+ ") { uuid = String(line.split(separator: " ")[2]); continue }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if let u = uuid, trimmed.hasPrefix("name = ") || trimmed.hasPrefix("match = ") || trimmed.hasPrefix("cidr = ") {
                    keys[u] = (try? JSONParser.parse(String(trimmed.split(separator: "=", maxSplits: 1)[1])).string) ?? nil
                }
            }
        }
        return keys
    }
}

/// Random MACs (`fa:16:3e:…`) differ between runs; they compare as `<mac>`.
func normaliseMACs(_ text: String) -> String {
    text.replacing(/fa:16:3e(:[0-9a-f]{2}){3}/, with: "<mac>")
}

/// Records what our writes change in a real Northbound, in the reference's terms.
struct NBObserver {
    let replica: Replica

    func keys(_ snapshots: [String: [UUID: Row]]...) -> [String: String] {
        var keys: [String: String] = [:]
        for snapshot in snapshots {
            for (_, rows) in snapshot {
                for (uuid, row) in rows {
                    keys[uuid.uuidString.lowercased()] = row["name"]?.string ?? row["match"]?.string ?? row["cidr"]?.string
                }
            }
        }
        return keys
    }

    /// The changes between two snapshots, default-valued columns of added rows left out as the reference does.
    func changes(from before: [String: [UUID: Row]], to after: [String: [UUID: Row]]) -> Set<NBChange> {
        let keyOf = keys(before, after)
        func key(_ uuid: UUID) -> String { keyOf[uuid.uuidString.lowercased()] ?? "?" }
        var out = Set<NBChange>()
        for (table, rows) in after {
            let tableSchema = replica.schema.tables[table]!
            for (uuid, row) in rows {
                if let old = before[table]?[uuid] {
                    let all = row.allColumns
                    let changed = all.filter { old[$0.key] != $0.value }
                    if !changed.isEmpty {
                        out.insert(NBChange(kind: .modified, table: table, row: key(uuid), columns: changed.mapValues { ReferenceNB.render($0, keyOf) }))
                    }
                } else {
                    let set = row.allColumns.filter { tableSchema.columns[$0.key]!.type.defaultValue != $0.value }
                    out.insert(NBChange(kind: .added, table: table, row: "", columns: set.mapValues { ReferenceNB.render($0, keyOf) }))
                }
            }
            for (uuid, _) in before[table] ?? [:] where rows[uuid] == nil {
                out.insert(NBChange(kind: .deleted, table: table, row: key(uuid), columns: [:]))
            }
        }
        return out
    }
}
