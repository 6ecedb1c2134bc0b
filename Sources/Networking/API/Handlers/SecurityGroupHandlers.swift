import OpenStackAPI

/// `/v2.0/security-groups` and `/v2.0/security-group-rules`.
extension NetworkingAPI {
    var securityGroups: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { auth, request, context in
                // Neutron creates the caller's default group on first use; a list shows it.
                try await store.changeIfNeeded { $0.ensureDefaultGroup(auth) }
                let s = await store.snapshot
                return try Collections.respond("security_groups", s.groups.values.filter { s.owns($0.projectID, auth) }.map(Representation.group),
                                               request, context)
            },
            show: { id, auth in Representation.group(try await store.snapshot.ownGroup(id, auth)) },
            create: { body, auth in
                let request = try SecurityGroupDecoding.createGroup(body)
                return Representation.group(try await store.change { rules in
                    // A new group's own rules (egress to anywhere) count against the rule quota too.
                    let decision = try rules.quotaChecked(.securityGroup, rules.createGroup(request, auth))
                    return try rules.quotaChecked(.securityGroupRule, adding: decision.result.rules.count, decision)
                })
            },
            update: { id, body, auth, precondition in
                let request = try SecurityGroupDecoding.updateGroup(body)
                return Representation.group(try await store.change(precondition) { try $0.updateGroup(id, request, auth) })
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
