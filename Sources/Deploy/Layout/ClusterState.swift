import Foundation

/// What `up` decided and keeps in `cluster.json`: the resolved spec, the runtime, and each
/// chassis' `system-id` (a UUID chosen at the first `up` and kept until `down --purge`).
public struct ClusterState: Sendable, Codable, Hashable {
    public var spec: ClusterSpec
    public var runtime: RuntimeKind
    /// node name → system-id (the chassis name in the SB).
    public var systemIDs: [String: String]
    /// Loopback ports of the API services, chosen at the first `up` (nil in a state written before them).
    public var apiPorts: APIPorts?

    public init(spec: ClusterSpec, runtime: RuntimeKind, previous: ClusterState? = nil) {
        self.spec = spec
        self.runtime = runtime
        var ids: [String: String] = [:]
        for node in spec.nodes { if let id = previous?.systemIDs[node.name] { ids[node.name] = id } }
        for node in spec.nodes where ids[node.name] == nil { ids[node.name] = ClusterState.newSystemID(avoiding: Array(ids.values)) }
        self.systemIDs = ids
        self.apiPorts = previous?.apiPorts
    }

    /// The API ports in use (the standard ones when none were recorded).
    public var ports: APIPorts { apiPorts ?? .standard }

    public var names: Names { Names(cluster: spec.name) }

    /// The chassis name of a node.
    public func systemID(_ node: String) -> String { systemIDs[node] ?? node }

    /// A fresh chassis id whose first six characters differ from every other chassis': ovn-controller
    /// names tunnel ports `ovn-<6 chars of the peer's chassis name>-N`, so a shared prefix would collide.
    static func newSystemID(avoiding others: [String]) -> String {
        let prefixes = Set(others.map { $0.prefix(6) })
        while true {
            let id = UUID().uuidString.lowercased()
            if !prefixes.contains(id.prefix(6)) { return id }
        }
    }

    /// Reads `cluster.json`, or nil when the cluster was never brought up here.
    public static func load(_ layout: StateLayout) throws -> ClusterState? {
        guard let data = FileManager.default.contents(atPath: layout.clusterFile) else { return nil }
        return try JSONDecoder().decode(ClusterState.self, from: data)
    }

    /// Writes `cluster.json` atomically.
    public func save(_ layout: StateLayout) throws {
        try FileManager.default.createDirectory(atPath: layout.root, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: layout.clusterFile), options: .atomic)
    }
}
