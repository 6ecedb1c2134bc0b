import Foundation

/// An image as Glance v2 keeps it: its metadata, who may see it, and (once uploaded) its data's size and hashes.
struct Image: Codable, Sendable, Equatable {
    var id: String
    var name: String?
    var owner: String
    var status: Status
    var visibility: Visibility
    var protected: Bool
    var hidden: Bool
    var diskFormat: String?
    var containerFormat: String?
    var minDisk: Int
    var minRAM: Int
    var tags: [String]
    /// Extra properties, shown as top-level string attributes.
    var properties: [String: String]
    var size: Int?
    /// MD5 of the data (Glance's legacy `checksum`).
    var checksum: String?
    /// SHA-512 of the data (`os_hash_algo` is always `sha512`).
    var hashValue: String?
    var createdAt: String
    var updatedAt: String

    /// Glance's image states that this service goes through.
    enum Status: String, Codable, Sendable {
        case queued, saving, active, deleted
    }

    /// Who sees the image: everyone (public, community on request), its owner (private), or owner and members (shared).
    enum Visibility: String, Codable, Sendable, CaseIterable {
        case `public`, `private`, shared, community
    }
}

/// Timestamps as Glance prints them (`2026-12-01T21:00:00Z`).
enum ImageClock {
    static func now() -> String {
        Date().formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
