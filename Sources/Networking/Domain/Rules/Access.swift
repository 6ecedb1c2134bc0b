import OpenStackAPI

/// Who may see and change what: admins everything; others their project's resources, and the networks (with
/// their subnets) and security groups an RBAC policy shares with them, read-only. Other projects' resources are
/// "not found".
extension NetworkingState {
    func canSee(_ n: Network, _ auth: AuthContext) -> Bool {
        auth.isAdmin || n.projectID == auth.projectID || policies(on: n.id).contains { $0.targetProject == RBACPolicy.wildcard || $0.targetProject == auth.projectID }
    }

    func canSee(_ s: Subnet, _ auth: AuthContext) -> Bool {
        auth.isAdmin || s.projectID == auth.projectID || networks[s.networkID].map { canSee($0, auth) } == true
    }

    func canSee(_ g: SecurityGroup, _ auth: AuthContext) -> Bool {
        owns(g.projectID, auth) || isShared(g.id, with: auth.projectID)
    }

    /// Whether an `access_as_shared` policy on the object names `project` or every project (Neutron's `shared`
    /// as the caller sees it).
    func isShared(_ object: String, with project: String?) -> Bool {
        policies(on: object).contains { $0.grants(.accessAsShared, to: project) }
    }

    /// A security group the caller owns or that is shared with them (to see, and to put on their ports).
    func visibleGroup(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> SecurityGroup {
        guard let g = groups[id], canSee(g, auth) else { throw .notFound(.securityGroup, id) }
        return g
    }

    func owns(_ projectID: String, _ auth: AuthContext) -> Bool { auth.isAdmin || projectID == auth.projectID }

    func visibleNetwork(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Network {
        guard let n = networks[id], canSee(n, auth) else { throw .notFound(.network, id) }
        return n
    }

    func visibleSubnet(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Subnet {
        guard let s = subnets[id], canSee(s, auth) else { throw .notFound(.subnet, id) }
        return s
    }

    func ownPort(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Port {
        guard let p = ports[id], owns(p.projectID, auth) else { throw .notFound(.port, id) }
        return p
    }

    /// Neutron's `admin_owner_or_network_owner`: a port is its project's and its network owner's to see, change
    /// and delete.
    func canSee(_ p: Port, _ auth: AuthContext) -> Bool {
        owns(p.projectID, auth) || networks[p.networkID].map { $0.projectID == auth.projectID } == true
    }

    func visiblePort(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Port {
        guard let p = ports[id], canSee(p, auth) else { throw .notFound(.port, id) }
        return p
    }

    func ownGroup(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> SecurityGroup {
        guard let g = groups[id], owns(g.projectID, auth) else { throw .notFound(.securityGroup, id) }
        return g
    }

    func ownRouter(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> NetworkRouter {
        guard let r = routers[id], owns(r.projectID, auth) else { throw .notFound(.router, id) }
        return r
    }

    func ownFloatingIP(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> FloatingIP {
        guard let f = floatingIPs[id], owns(f.projectID, auth) else { throw .notFound(.floatingIP, id) }
        return f
    }

    func ownRule(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> (SecurityGroup, SecurityGroupRule) {
        guard let g = group(ofRule: id), owns(g.projectID, auth), let r = g.rules.first(where: { $0.id == id }) else {
            throw .notFound(.securityGroupRule, id)
        }
        return (g, r)
    }
}

extension NetworkingRules {
    /// The project a new resource belongs to: `project_id`/`tenant_id` from the body (admins may name any),
    /// else the caller's.
    func owningProject(_ owner: OwnerRequest, _ auth: AuthContext) throws(NetworkingError) -> String {
        let requested = owner.projectID ?? owner.tenantID
        if let p = owner.projectID, let t = owner.tenantID, p != t {
            throw .badRequest("'project_id' and 'tenant_id' do not match")
        }
        if let requested, requested != auth.projectID {
            guard auth.isAdmin else {
                throw .badRequest("Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin privileges")
            }
            return requested
        }
        guard let project = requested ?? auth.projectID else {
            throw .badRequest("Running without keystone AuthN requires that tenant_id is specified")
        }
        return project
    }
}
