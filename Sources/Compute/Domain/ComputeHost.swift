/// A compute host as its agent registered it: the hypervisor (capacity) and its `nova-compute` service.
struct ComputeHost: Codable, Sendable, Equatable {
    var name: String
    /// Hypervisor and service id (`os-hypervisors`, `os-services`), stable from the first registration.
    var id: Int
    var hypervisorHostname: String
    var availabilityZone: String
    var vcpus: Int
    var memoryMB: Int
    var localGB: Int
    var agentURL: String
    var hostIP: String
    var lastHeartbeat: Double
    var disabled: Bool = false
    /// Since when the host's agent has been heartbeating without a gap of ``downAfter`` (its uptime's start).
    var upSince: Double?

    /// Seconds without a heartbeat after which the host counts as down.
    static let downAfter = 60.0

    /// Whether the last heartbeat is recent.
    func isUp(now: Double) -> Bool { now - lastHeartbeat < Self.downAfter }
}

/// What a heartbeat says about a host.
struct HostRegistration: Sendable {
    var hypervisorHostname: String
    var availabilityZone: String
    var vcpus: Int
    var memoryMB: Int
    var localGB: Int
    var agentURL: String
    var hostIP: String
}

/// The resources instances use on one host.
struct HostUsage: Sendable, Equatable {
    var vcpus = 0
    var ramMB = 0
    var diskGB = 0
    var instances = 0

    mutating func add(_ flavor: FlavorSnapshot) {
        vcpus += flavor.vcpus
        ramMB += flavor.ram
        diskGB += flavor.disk
        instances += 1
    }
}
