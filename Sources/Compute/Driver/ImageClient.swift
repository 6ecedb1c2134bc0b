import Foundation
import OpenStackAPI

/// Reads images from the Image service (as the service user) and applies Glance's visibility for the caller.
struct ImageClient: Sendable {
    let client: ServiceClient
    let imageURL: String

    /// The image `id` as the caller may boot it; 400 as Nova answers for an unknown or invisible image.
    func image(_ id: String, for caller: Caller) async throws(ComputeError) -> ImageFacts {
        guard UUIDText.isValid(id) else { throw .badRequest("Invalid imageRef provided.") }
        let answer: ServiceClient.Answer
        do { answer = try await client.call(.GET, imageURL + "/v2/images/\(id)") } catch {
            throw .init(.unavailable, "The image service does not answer.")
        }
        let body = answer.body
        guard answer.status == 200, body["id"]?.string == id else { throw .badRequest("Image \(id) could not be found.") }
        let visibility = body["visibility"]?.string ?? "shared"
        let owner = body["owner"]?.string
        guard caller.isAdmin || ["public", "community"].contains(visibility) || owner == caller.projectID else {
            throw .badRequest("Image \(id) could not be found.")
        }
        return ImageFacts(id: id, status: body["status"]?.string ?? "", minRAM: body["min_ram"]?.int ?? 0,
                          minDisk: body["min_disk"]?.int ?? 0, size: body["size"]?.int)
    }
}

/// UUID syntax checks (Nova refuses malformed ids before looking them up).
enum UUIDText {
    /// Whether `text` is a UUID with or without dashes.
    static func isValid(_ text: String) -> Bool {
        let hex = text.replacingOccurrences(of: "-", with: "")
        return hex.count == 32 && hex.allSatisfy(\.isHexDigit) && (text.count == 32 || text.count == 36)
    }
}
