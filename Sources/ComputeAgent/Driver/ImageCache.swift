import Foundation
import OpenStackAPI

/// Image files this node has downloaded from the image service, one per image id: fetched once (to a
/// temporary file, then renamed), shared by every instance booted from it.
struct ImageCache: Sendable {
    let client: ServiceClient
    let configuration: AgentConfiguration

    var directory: URL { configuration.stateDirectory.appendingPathComponent("images") }

    /// The local file of `imageID`, downloaded if missing.
    func file(_ imageID: String) async throws -> URL {
        let target = directory.appendingPathComponent(imageID)
        if FileManager.default.fileExists(atPath: target.path) { return target }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let answer = try await client.download("\(configuration.imageURL)/v2/images/\(imageID)/file",
                                               to: directory.appendingPathComponent(".\(imageID).\(UUID().uuidString)"))
        guard (200..<300).contains(answer.status), let file = answer.file else {
            throw AgentError.image("image \(imageID) has no data (the image service answered \(answer.status))")
        }
        _ = try? FileManager.default.replaceItemAt(target, withItemAt: file)
        if !FileManager.default.fileExists(atPath: target.path) { try FileManager.default.moveItem(at: file, to: target) }
        return target
    }
}
