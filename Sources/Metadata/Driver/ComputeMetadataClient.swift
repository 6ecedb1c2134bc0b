import Foundation
import OpenStackAPI

/// The compute API as the metadata service uses it, with the service token: one instance's metadata, and the
/// password the guest posts.
struct ComputeMetadataClient: Sendable {
    let client: ServiceClient
    /// The compute API URL with `/v2.1` (the internal routes live beside it).
    let computeURL: String

    /// `http://host:port` of the compute API.
    private var root: String {
        var url = computeURL.hasSuffix("/") ? String(computeURL.dropLast()) : computeURL
        if url.hasSuffix("/v2.1") { url.removeLast(5) }
        return url
    }

    /// The instance, nil when compute does not know it; 503 when compute does not answer.
    func instance(_ id: String) async throws(MetadataError) -> InstanceMetadata? {
        let answer: ServiceClient.Answer
        do { answer = try await client.call(.GET, "\(root)/internal/v1/instances/\(Self.escape(id))/metadata") } catch {
            throw .computeUnavailable
        }
        if answer.status == 404 { return nil }
        guard answer.ok, let body = answer.body["metadata"], let metadata = InstanceMetadataDecoding.decode(body) else {
            throw .computeUnavailable
        }
        return metadata
    }

    /// Stores the password of an instance (`PUT /internal/v1/instances/{id}/password`).
    func setPassword(_ id: String, _ password: String) async throws(MetadataError) {
        let answer: ServiceClient.Answer
        do {
            answer = try await client.call(.PUT, "\(root)/internal/v1/instances/\(Self.escape(id))/password", body: ["password": .string(password)])
        } catch { throw .computeUnavailable }
        if answer.status == 404 { throw .notFound }
        guard answer.ok else { throw .computeUnavailable }
    }

    /// An instance id as one path segment (the agent's header is not trusted to be a UUID).
    static func escape(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? ""
    }
}
