/// A flavor: the size of a server (vCPUs, RAM in MiB, root disk in GiB) and who may use it.
struct Flavor: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var vcpus: Int
    var ram: Int
    var disk: Int
    var ephemeral: Int = 0
    var swap: Int = 0
    var rxtxFactor: Double = 1.0
    var isPublic: Bool = true
    var disabled: Bool = false
    /// `os-extra_specs`.
    var extraSpecs: [String: String] = [:]
    /// Projects given access to a private flavor (`os-flavor-access`).
    var projects: [String] = []
    /// Creation order, for listing in Nova's default order.
    var serial: Int = 0

    /// The flavors created at the first start (ids "1", "2", "3").
    static let defaults: [Flavor] = [
        Flavor(id: "1", name: "m1.tiny", vcpus: 1, ram: 512, disk: 1, serial: 1),
        Flavor(id: "2", name: "m1.small", vcpus: 1, ram: 2048, disk: 20, serial: 2),
        Flavor(id: "3", name: "m1.medium", vcpus: 2, ram: 4096, disk: 40, serial: 3),
    ]

    /// Whether the caller may see and use it: public, admin, or a project given access.
    func visible(to auth: Caller) -> Bool { isPublic || auth.isAdmin || projects.contains(auth.projectID) }
}

/// What a flavor create asks for (already validated by its decoder).
struct FlavorCreate: Sendable {
    var id: String?
    var name: String
    var vcpus: Int
    var ram: Int
    var disk: Int
    var ephemeral: Int
    var swap: Int
    var rxtxFactor: Double
    var isPublic: Bool
}
