import Foundation

/// The attributes every Neutron resource carries: timestamps, revision number, tags, description.
struct StandardAttributes: Codable, Sendable, Hashable {
    var createdAt: String
    var updatedAt: String
    var revision: Int
    var tags: [String]
    var description: String

    /// Fresh attributes stamped now.
    init(revision: Int = 0, description: String = "", tags: [String] = []) {
        let now = Self.now()
        createdAt = now
        updatedAt = now
        self.revision = revision
        self.tags = tags
        self.description = description
    }

    /// An update: newer `updated_at`, revision up by `steps`.
    mutating func bump(_ steps: Int = 1) {
        revision += steps
        updatedAt = Self.now()
    }

    /// `2026-11-27T04:05:06Z`, as Neutron prints timestamps.
    static func now() -> String {
        Date().formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
