import OpenStackAPI

/// Who may see and change what: admins everything; others their project's resources, and shared or
/// external networks (and their subnets) read-only. Other projects' resources are "not found".
extension NetworkingCore {
    func canSee(_ n: Network, _ auth: AuthContext) -> Bool {
        auth.isAdmin || n.projectID == auth.projectID || n.shared || n.external
    }

    func canSee(_ s: Subnet, _ auth: AuthContext) -> Bool {
        auth.isAdmin || s.projectID == auth.projectID || state.networks[s.networkID].map { $0.shared || $0.external } == true
    }

    func owns(_ projectID: String, _ auth: AuthContext) -> Bool { auth.isAdmin || projectID == auth.projectID }

    func visibleNetwork(_ id: String, _ auth: AuthContext) throws(APIError) -> Network {
        guard let n = state.networks[id], canSee(n, auth) else { throw NeutronErrors.notFound(.network, id) }
        return n
    }

    func visibleSubnet(_ id: String, _ auth: AuthContext) throws(APIError) -> Subnet {
        guard let s = state.subnets[id], canSee(s, auth) else { throw NeutronErrors.notFound(.subnet, id) }
        return s
    }

    func ownPort(_ id: String, _ auth: AuthContext) throws(APIError) -> Port {
        guard let p = state.ports[id], owns(p.projectID, auth) else { throw NeutronErrors.notFound(.port, id) }
        return p
    }

    func ownGroup(_ id: String, _ auth: AuthContext) throws(APIError) -> SecurityGroup {
        guard let g = state.groups[id], owns(g.projectID, auth) else { throw NeutronErrors.notFound(.securityGroup, id) }
        return g
    }

    /// The project a new resource belongs to: `project_id`/`tenant_id` from the body (admins may name any),
    /// else the caller's.
    func owningProject(_ body: Attributes, _ auth: AuthContext, resource: String) throws(APIError) -> String {
        let projectID = try body.string("project_id"), tenantID = try body.string("tenant_id")
        let requested = projectID ?? tenantID
        if let p = projectID, let t = tenantID, p != t {
            throw NeutronErrors.badRequest("'project_id' and 'tenant_id' do not match")
        }
        if let requested, requested != auth.projectID {
            guard auth.isAdmin else { throw NeutronErrors.forbidden("create_\(resource):tenant_id") }
            return requested
        }
        guard let project = requested ?? auth.projectID else {
            throw NeutronErrors.badRequest("Running without keystone AuthN requires that tenant_id is specified")
        }
        return project
    }
}
