import OpenStackAPI

/// `{"agent": {...}}` update bodies: `description` and `admin_state_up` are the attributes a PUT may name.
enum AgentDecoding {
    /// A typed agent update.
    struct Update: Sendable, Equatable {
        var description: String?
        var adminStateUp: Bool?
    }

    static let rules: [String: Attributes.Rule] = [
        "description": .init(post: false, put: true), "admin_state_up": .init(post: false, put: true),
    ]

    static func update(_ body: JSONObject) throws(NetworkingError) -> Update {
        let a = try Attributes(body, resource: "agent", rules: rules, create: false)
        return Update(description: try a.string("description"), adminStateUp: try a.bool("admin_state_up"))
    }
}
