/// An RBAC policy (`rbac-policies`): it gives one project, or every project (`*`), access to another project's
/// network, security group, address scope or QoS policy. A shared network is one with a `*` `access_as_shared` policy, made and removed with
/// its `shared` attribute; `router:external` makes a `*` `access_as_external` one.
struct RBACPolicy: Codable, Sendable, Hashable, ProjectOwned {
    /// The kinds of objects policies apply to (Neutron's `object_type`).
    enum ObjectType: String, Codable, Sendable, CaseIterable {
        case network
        case securityGroup = "security_group"
        case addressScope = "address_scope"
        case qosPolicy = "qos_policy"

        /// The actions a policy on this type may grant, as Neutron lists them.
        var validActions: [Action] {
            switch self {
            case .network: [.accessAsShared, .accessAsExternal]
            case .securityGroup, .addressScope, .qosPolicy: [.accessAsShared]
            }
        }
    }

    /// What a policy grants.
    enum Action: String, Codable, Sendable {
        /// See and use the object (ports on a network, a group on ports).
        case accessAsShared = "access_as_shared"
        /// Use the network as a router gateway and for floating IPs.
        case accessAsExternal = "access_as_external"
    }

    /// Every project.
    static let wildcard = "*"

    var id: String
    /// The policy's owner (the object's, unless an admin made it for another).
    var projectID: String
    var objectType: ObjectType
    var objectID: String
    var action: Action
    /// A project id, or `*`.
    var targetProject: String

    /// Whether this policy grants `action` to `project`.
    func grants(_ action: Action, to project: String?) -> Bool {
        self.action == action && (targetProject == Self.wildcard || targetProject == project)
    }
}
