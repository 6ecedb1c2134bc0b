import Foundation
import OVSDBTestSupport

/// A small schema of the test's own with every atomic type, including `real`, which neither
/// the OVN nor the Open_vSwitch schema uses.
enum TestSchemas {
    static let allTypes = """
        {"name": "AllTypes", "version": "1.0.0", "tables": {
          "Thing": {"isRoot": true, "indexes": [["name"]], "columns": {
            "name": {"type": "string"},
            "count": {"type": {"key": {"type": "integer", "minInteger": 0, "maxInteger": 100}}},
            "ratio": {"type": "real"},
            "flag": {"type": "boolean"},
            "color": {"type": {"key": {"type": "string", "enum": ["set", ["red", "green"]]}, "min": 0, "max": 1}},
            "tags": {"type": {"key": "string", "min": 0, "max": "unlimited"}},
            "weights": {"type": {"key": "string", "value": "real", "min": 0, "max": "unlimited"}},
            "parts": {"type": {"key": {"type": "uuid", "refTable": "Part"}, "min": 0, "max": "unlimited"}},
            "buddy": {"type": {"key": {"type": "uuid", "refTable": "Thing", "refType": "weak"}, "min": 0, "max": 1}}
          }},
          "Part": {"columns": {"label": {"type": "string"}, "size": {"type": {"key": "integer", "min": 0, "max": 1}}}}
        }}
        """

    /// Writes the schema to a file and returns its path.
    static func file() throws -> String {
        let path = "/tmp/alltypes-\(UUID().uuidString.prefix(8)).ovsschema"
        try allTypes.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func server() throws -> TestOVSDBServer {
        let path = try file()
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try TestOVSDBServer(schema: path)
    }
}
