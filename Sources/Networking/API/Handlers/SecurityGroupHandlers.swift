import OpenStackAPI

/// `/v2.0/security-groups` and `/v2.0/security-group-rules`.
extension NetworkingAPI {
    var securityGroups: ResourceHandlers {
        let store = store
        /// `shared` as the caller sees it: whether a policy shares the group with their project.
        @Sendable func render(_ g: SecurityGroup, _ s: NetworkingState, _ auth: AuthContext) -> JSONObject {
            Representation.group(g, shared: s.isShared(g.id, with: auth.projectID))
        }
        return ResourceHandlers(
            list: { auth, request, context in
                // Neutron creates the caller's default group on first use; a list shows it.
                try await store.changeIfNeeded { $0.ensureDefaultGroup(auth) }
                let s = await store.snapshot
                return try Collections.respond("security_groups", s.groups.values.filter { s.canSee($0, auth) }.map { render($0, s, auth) },
                                               request, context)
            },
            show: { id, auth in
                let s = await store.snapshot
                return render(try s.visibleGroup(id, auth), s, auth)
            },
            create: { body, auth in
                let request = try SecurityGroupDecoding.createGroup(body)
                let g = try await store.change { rules in
                    // A new group's own rules (egress to anywhere) count against the rule quota too.
                    let decision = try rules.quotaChecked(.securityGroup, rules.createGroup(request, auth))
                    return try rules.quotaChecked(.securityGroupRule, adding: decision.result.rules.count, decision)
                }
                return render(g, await store.snapshot, auth)
            },
            update: { id, body, auth, precondition in
                let request = try SecurityGroupDecoding.updateGroup(body)
                let g = try await store.change(precondition) { try $0.updateGroup(id, request, auth) }
                return render(g, await store.snapshot, auth)
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteGroup(id, auth) } })
    }

    var securityGroupRules: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                let rules = s.groups.values.filter { s.owns($0.projectID, auth) }.flatMap { $0.rules.map(Representation.rule) }
                return try Collections.respond("security_group_rules", rules, request, context)
            },
            show: { id, auth in Representation.rule(try await store.snapshot.ownRule(id, auth).1) },
            create: { body, auth in
                let request = try SecurityGroupDecoding.createRule(body)
                return Representation.rule(try await store.change { try $0.quotaChecked(.securityGroupRule, $0.createRule(request, auth)) })
            },
            update: nil,
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteRule(id, auth) } })
    }
}
