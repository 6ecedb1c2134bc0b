/// What the compute API wants of one instance on this node (the contract's `Spec`), typed.
struct InstanceSpec: Sendable, Equatable {
    /// What the guest should be doing.
    enum Desired: String, Sendable {
        case running, stopped, deleted
    }

    /// What the last generation bump asked for.
    enum Action: String, Sendable {
        case rebootSoft = "reboot-soft"
        case rebootHard = "reboot-hard"
        case rebuild
    }

    /// The flavor's size.
    struct Flavor: Sendable, Equatable, Codable {
        var vcpus: Int
        var ramMB: Int
        var diskGB: Int
    }

    /// One requested NIC: a network (optionally with a fixed IP) or an existing port.
    struct RequestedNetwork: Sendable, Equatable, Codable {
        var networkID: String?
        var fixedIP: String?
        var portID: String?
    }

    var id: String
    var name: String
    var hostname: String
    var projectID: String
    var availabilityZone: String
    var desired: Desired
    var generation: Int
    var action: Action?
    var imageID: String
    var flavor: Flavor
    var keyData: String?
    var requestedNetworks: [RequestedNetwork]
    var securityGroups: [String]
}
