import Foundation

/// The attributes every Neutron resource carries: timestamps, revision number, tags, description.
public struct StandardAttributes: Codable, Sendable, Hashable {
    public var createdAt: String
    public var updatedAt: String
    public var revision: Int
    public var tags: [String]
    public var description: String

    /// Fresh attributes stamped now.
    public init(revision: Int = 0, description: String = "", tags: [String] = []) {
        let now = Self.now()
        createdAt = now
        updatedAt = now
        self.revision = revision
        self.tags = tags
        self.description = description
    }

    /// An update: newer `updated_at`, revision up by `steps`.
    public mutating func bump(_ steps: Int = 1) {
        revision += steps
        updatedAt = Self.now()
    }

    /// `2026-11-27T04:05:06Z`, as Neutron prints timestamps.
    static func now() -> String {
        Date().formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
