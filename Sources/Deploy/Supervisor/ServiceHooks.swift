import Foundation
import ProgramRunner

/// What happens around a service's start: its database file before, its configuration after.
/// Every step is idempotent, so it runs again on each restart and on adoption.
public struct ServiceHooks: Sendable {
    public let state: ClusterState
    public let layout: StateLayout

    public init(state: ClusterState, layout: StateLayout) {
        self.state = state
        self.layout = layout
    }

    /// Directories, the database file, and no stale sockets of a dead predecessor.
    public func prepare(_ service: ServiceDefinition) async throws {
        try layout.createNodeDirs(service.node)
        switch service.kind {
        case .identity: try FileManager.default.createDirectory(atPath: layout.identityDir(service.node), withIntermediateDirectories: true)
        case .network: try FileManager.default.createDirectory(atPath: layout.networkDir(service.node), withIntermediateDirectories: true)
        case .image: try FileManager.default.createDirectory(atPath: layout.imageDir(service.node), withIntermediateDirectories: true)
        case .metadata, .metadataAgent: try MetadataSecret(path: layout.metadataSecretFile(state.spec.controlNode.name)).ensure()
        default: break
        }
        if let ready = service.readyPath { try? FileManager.default.removeItem(atPath: ready) }
        if let db = service.database, !FileManager.default.fileExists(atPath: db.file) {
            try await Host.runAsync("ovsdb-tool", ["create", db.file, db.schema])
        }
    }

    /// Configuration that needs the service running.
    public func afterStart(_ service: ServiceDefinition) async throws {
        guard let node = state.spec.nodes.first(where: { $0.name == service.node }) else { return }
        switch service.kind {
        case .ovsDB:
            try await ChassisConfigurator.apply(ChassisConfig(state: state, node: node), socket: layout.ovsSocket(node.name))
        case .nbDB:
            try await NorthboundInit.apply(socket: layout.nbSocket(node.name))
        case .vswitchd:
            let setup = UplinkSetup(state: state, layout: layout)
            try await Blocking.run { try setup.applyBlocking(node: node) }
        case .sbDB, .northd, .controller, .identity, .network, .image, .compute, .computeAgent, .metadata, .metadataAgent:
            break
        }
    }
}
