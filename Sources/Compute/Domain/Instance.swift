/// A server as the compute API keeps it: what the user asked for (desired state), where it was scheduled,
/// Nova's vm/task/power states, and the facts the agent and Networking reported.
struct Instance: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var hostname: String
    var projectID: String
    var userID: String
    var imageID: String
    var flavor: FlavorSnapshot
    var keyName: String?
    var keyData: String?
    var userData: String?
    var metadata: [String: String]
    var availabilityZone: String?
    var requestedNetworks: [RequestedNetwork]
    var securityGroups: [SecurityGroupRef]
    var reservationID: String
    var launchIndex: Int
    var createdAt: Double
    var updatedAt: Double
    var launchedAt: Double?
    /// The compute host it was scheduled to; nil when none fitted.
    var host: String?
    var vmState: VMState
    var taskState: String?
    var powerState: Int = 0
    var desired: Desired = .running
    var generation: Int = 1
    var action: String?
    /// The ports as last reported by the agent.
    var ports: [PortReport] = []
    /// Ports whose `network-vif-plugged` (completed) arrived.
    var pluggedPorts: [String] = []
    /// When the agent first reported the instance running during the current build (for the vif-plugging timeout).
    var runningReportedAt: Double?
    var fault: Fault?
    /// The network info cache: addresses per network name.
    var addresses: [NetworkAddresses] = []
    /// The encrypted-by-guest password set through the metadata service (`os-server-password`).
    var password: String = ""
    /// Hints the scheduler used (`same_host` / `different_host`).
    var hints: SchedulerHints = SchedulerHints()
    /// The addresses the user says the server is reachable at (`accessIPv4`/`accessIPv6`, "" when unset).
    var accessIPv4: String = ""
    var accessIPv6: String = ""
    /// Locked by `lock`: only an admin may act on it until `unlock`.
    var locked: Bool = false
    /// The actions done to it (`os-instance-actions`), oldest first.
    var actions: [InstanceActionRecord] = []

    /// Nova's vm states this service uses.
    enum VMState: String, Codable, Sendable { case building, active, stopped, error, deleted }

    /// What the agent must converge the instance to.
    enum Desired: String, Codable, Sendable { case running, stopped, deleted }

    /// The fault shown while in ERROR.
    struct Fault: Codable, Sendable, Equatable {
        var code: Int
        var message: String
        var details: String?
        var created: Double
    }

    /// The status clients see, from vm_state and task_state.
    var status: String {
        switch vmState {
        case .building: "BUILD"
        case .stopped: taskState == "rebuilding" ? "REBUILD" : "SHUTOFF"
        case .error: "ERROR"
        case .deleted: "DELETED"
        case .active:
            switch taskState {
            case "rebooting", "reboot_pending", "reboot_started": "REBOOT"
            case "rebooting_hard", "reboot_pending_hard", "reboot_started_hard": "HARD_REBOOT"
            case "rebuilding": "REBUILD"
            default: "ACTIVE"
            }
        }
    }
}

/// The flavor an instance was created with (kept so a flavor delete changes nothing for it).
struct FlavorSnapshot: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var vcpus: Int
    var ram: Int
    var disk: Int
}

/// One entry of a create's `networks`, resolved: a network (optionally with a fixed IP) or a port.
struct RequestedNetwork: Codable, Sendable, Equatable {
    var networkID: String?
    var fixedIP: String?
    var portID: String?
    /// The network's (or port's) `port_security_enabled` when the server was created; nil when not known.
    var portSecurity: Bool?
}

/// A security group of an instance, resolved from the name or id the user gave.
struct SecurityGroupRef: Codable, Sendable, Equatable {
    var id: String
    var name: String
}

extension Instance {
    /// The groups the agent names when it creates the instance's ports. A lone `default` is left out, as Nova's
    /// `_clean_security_groups` does: Networking gives a new port its project's default group itself, and only
    /// where port security is on, so a server boots on a network without port security.
    var securityGroupsForNewPorts: [SecurityGroupRef] {
        ServerRules.isLoneDefault(securityGroups) ? [] : securityGroups
    }
}

/// A port the agent reported for an instance.
struct PortReport: Codable, Sendable, Equatable {
    var portID: String
    var created: Bool
}

/// The addresses of one network in the info cache.
struct NetworkAddresses: Codable, Sendable, Equatable {
    var network: String
    var addresses: [Address]

    /// One fixed or floating address with the MAC of its port.
    struct Address: Codable, Sendable, Equatable {
        var version: Int
        var addr: String
        var type: String
        var mac: String
    }
}
