import Foundation
import Yams

extension ClusterSpec {
    /// Reads a spec from YAML text; absent fields keep their defaults.
    public static func parse(yaml: String) throws -> ClusterSpec {
        if yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ClusterSpec() }
        do {
            return try YAMLDecoder().decode(ClusterSpec.self, from: yaml)
        } catch let error as DecodingError {
            // Yams wraps what a field's decoder threw (an invalid CIDR's message): pass that on as it is.
            if case .dataCorrupted(let context) = error, let cause = context.underlyingError as? DeployError { throw cause }
            throw DeployError.invalidSpec("\(error)")
        }
    }

    /// Reads a spec file.
    public static func load(path: String) throws -> ClusterSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DeployError.invalidSpec("cannot read \(path)")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self))
    }

    /// The spec as YAML (what `ovnstack up` keeps in the state directory).
    public func yaml() throws -> String { try YAMLEncoder().encode(self) }
}
