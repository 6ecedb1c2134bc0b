/// A server create as decoded from the body (names and references not yet resolved).
struct ServerCreate: Sendable {
    var name: String
    var imageRef: String
    var flavorRef: String
    var networks: Networks
    var keyName: String?
    var userData: String?
    /// The groups named in the body; nil when it has no `security_groups` (the project's default applies).
    var securityGroups: [String]?
    var availabilityZone: String?
    var metadata: [String: String]
    var minCount: Int
    var maxCount: Int
    var hints: SchedulerHints
    var adminPass: String?
    var accessIPv4: String?
    var accessIPv6: String?

    /// The `networks` member: omitted (the project's only network), or explicit entries.
    enum Networks: Sendable {
        case omitted
        case list([Entry])
    }

    /// One explicit entry of `networks`.
    struct Entry: Sendable {
        var uuid: String?
        var port: String?
        var fixedIP: String?
    }
}

/// What Glance says of an image, as the create rules need it.
struct ImageFacts: Sendable {
    var id: String
    var status: String
    var minRAM: Int
    var minDisk: Int
    var size: Int?
}

/// A create with its image, networks and security groups resolved against Image and Networking.
struct ResolvedServerCreate: Sendable {
    var request: ServerCreate
    var image: ImageFacts
    var networks: [RequestedNetwork]
    var securityGroups: [SecurityGroupRef]
}

/// The actions of `POST /servers/{id}/action` that change an instance.
enum ServerAction: Sendable {
    case start, stop
    case reboot(hard: Bool)
    case rebuild(image: ImageFacts, name: String?, metadata: [String: String]?)

    /// Nova's action name, for the 409 messages.
    var name: String {
        switch self {
        case .start: "start"
        case .stop: "stop"
        case .reboot: "reboot"
        case .rebuild: "rebuild"
        }
    }
}
