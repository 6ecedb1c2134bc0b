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

    /// The revision the Northbound row shows while it lags `revision`: Neutron bumps a network for a subnet added or
    /// removed, and a router for an interface, without rewriting their OVN rows (ML2/OVN's periodic check would later).
    var northboundRevision: Int?

    /// The revision to write into the resource's Northbound row.
    var revisionInNorthbound: Int { northboundRevision ?? revision }

    /// An update: newer `updated_at`, revision up by `steps` (and the Northbound row is rewritten with it).
    mutating func bump(_ steps: Int = 1) {
        revision += steps
        northboundRevision = nil
        updatedAt = Self.now()
    }

    /// A change of a child resource: the revision goes up, the Northbound row keeps the revision it shows.
    mutating func bumpForChild() {
        let shown = revisionInNorthbound
        revision += 1
        northboundRevision = shown
        updatedAt = Self.now()
    }

    /// `2026-11-27T04:05:06Z`, as Neutron prints timestamps.
    static func now() -> String {
        Date().formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
