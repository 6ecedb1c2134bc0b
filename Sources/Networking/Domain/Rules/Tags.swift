import OpenStackAPI

/// `standard-attr-tag` on networks, subnets, ports, security groups, routers, floating IPs, subnet pools, trunks and
/// QoS policies.
extension NetworkingRules {
    /// The resources that carry tags, by collection name.
    enum Taggable: String, Sendable, CaseIterable {
        case networks, subnets, ports, securityGroups = "security-groups", routers, floatingIPs = "floatingips", subnetPools = "subnetpools"
        case trunks
        /// QoS policies (`/v2.0/policies/<id>/tags`).
        case qosPolicies = "policies"

        /// The member name, as error messages name it.
        var member: String { self == .qosPolicies ? "policy" : String(rawValue.dropLast()) }
    }

    /// The resource with its tags changed by `change` (replace, add or remove).
    func changeTags(_ kind: Taggable, _ id: String, _ auth: AuthContext,
                    _ change: (inout [String]) throws(NetworkingError) -> Void) throws(NetworkingError) -> Decision<[String]> {
        var std = try state.standard(kind, id, auth)
        try change(&std.tags)
        std.bump()
        var batch = Batch()
        switch kind {
        case .networks:
            var n = state.networks[id]!
            guard state.owns(n.projectID, auth) else { throw .forbidden("update_network") }
            n.std = std
            batch.networks = [n]
        case .subnets:
            var s = state.subnets[id]!
            guard state.owns(s.projectID, auth) else { throw .forbidden("update_subnet") }
            s.std = std
            batch.subnets = [s]
        case .ports:
            var p = state.ports[id]!
            p.std = std
            batch.ports = [p]
        case .securityGroups:
            var g = state.groups[id]!
            g.std = std
            batch.groups = [g]
        case .routers:
            var r = state.routers[id]!
            r.std = std
            batch.routers = [r]
        case .floatingIPs:
            var f = state.floatingIPs[id]!
            f.std = std
            batch.floatingIPs = [f]
        case .subnetPools:
            var p = state.subnetPools[id]!
            guard state.owns(p.projectID, auth) else { throw .forbidden("update_subnetpool") }
            p.std = std
            batch.subnetPools = [p]
        case .trunks:
            var t = state.trunks[id]!
            t.std = std
            batch.trunks = [t]
        case .qosPolicies:
            var q = state.qosPolicies[id]!
            guard auth.isAdmin else { throw .forbidden("update_policy") }
            q.std = std
            batch.qosPolicies = [q]
        }
        return Decision(batch: batch, result: std.tags)
    }

    /// A tag: a non-empty string of at most 255 characters.
    static func validTag(_ tag: String) throws(NetworkingError) -> String {
        guard !tag.isEmpty, tag.count <= 255, !tag.utf8.contains(0) else { throw .invalidInput("'\(tag)' is not a valid tag") }
        return tag
    }
}

extension NetworkingState {
    /// The tags of a resource the caller can see.
    func tags(_ kind: NetworkingRules.Taggable, _ id: String, _ auth: AuthContext) throws(NetworkingError) -> [String] {
        try standard(kind, id, auth).tags
    }

    func standard(_ kind: NetworkingRules.Taggable, _ id: String, _ auth: AuthContext) throws(NetworkingError) -> StandardAttributes {
        switch kind {
        case .networks: try visibleNetwork(id, auth).std
        case .subnets: try visibleSubnet(id, auth).std
        case .ports: try visiblePort(id, auth).std
        case .securityGroups: try ownGroup(id, auth).std
        case .routers: try ownRouter(id, auth).std
        case .floatingIPs: try ownFloatingIP(id, auth).std
        case .subnetPools: try visibleSubnetPool(id, auth).std
        case .trunks: try ownTrunk(id, auth).std
        case .qosPolicies: try visibleQoSPolicy(id, auth).std
        }
    }
}
