import OpenStackAPI

/// `standard-attr-tag`: `/v2.0/<collection>/<id>/tags[/<tag>]` on networks, subnets, ports and security groups.
extension NetworkingCore {
    public enum Taggable: String, Sendable, CaseIterable {
        case networks, subnets, ports, securityGroups = "security-groups", routers, floatingIPs = "floatingips"
    }

    public func tags(_ kind: Taggable, _ id: String, _ auth: AuthContext) throws -> [String] {
        try standard(kind, id, auth).tags
    }

    /// Replaces, adds or removes tags; `nil` removes all.
    public func changeTags(_ kind: Taggable, _ id: String, _ auth: AuthContext, _ change: @Sendable (inout [String]) throws -> Void) async throws -> [String] {
        var std = try standard(kind, id, auth)
        try change(&std.tags)
        std.bump()
        var batch = Batch()
        switch kind {
        case .networks:
            var n = state.networks[id]!
            guard owns(n.projectID, auth) else { throw NeutronErrors.forbidden("update_network") }
            n.std = std
            batch.networks = [n]
        case .subnets:
            var s = state.subnets[id]!
            guard owns(s.projectID, auth) else { throw NeutronErrors.forbidden("update_subnet") }
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
        }
        try await commit(batch)
        return std.tags
    }

    private func standard(_ kind: Taggable, _ id: String, _ auth: AuthContext) throws(APIError) -> StandardAttributes {
        switch kind {
        case .networks: try visibleNetwork(id, auth).std
        case .subnets: try visibleSubnet(id, auth).std
        case .ports: try ownPort(id, auth).std
        case .securityGroups: try ownGroup(id, auth).std
        case .routers: try ownRouter(id, auth).std
        case .floatingIPs: try ownFloatingIP(id, auth).std
        }
    }

    /// A tag: a non-empty string of at most 255 characters.
    public static func validTag(_ tag: String) throws(APIError) -> String {
        guard !tag.isEmpty, tag.count <= 255 else { throw NeutronErrors.invalidInput("'\(tag)' is not a valid tag") }
        return tag
    }
}
