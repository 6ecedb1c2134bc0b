import OpenStackAPI

/// Security groups and their rules; every project gets a `default` group with Neutron's four rules on first use.
extension NetworkingRules {
    /// The project's `default` group with Neutron's four rules, when the project has none yet.
    func defaultGroupIfMissing(_ project: String) -> SecurityGroup? {
        guard state.defaultGroups[project] == nil else { return nil }
        let id = ids.make(.securityGroup)
        var rules: [SecurityGroupRule] = []
        for ether in [SecurityGroupRule.EtherType.ipv4, .ipv6] {
            rules.append(SecurityGroupRule(id: ids.make(.rule), securityGroupID: id, projectID: project, direction: .egress, etherType: ether))
            rules.append(SecurityGroupRule(id: ids.make(.rule), securityGroupID: id, projectID: project, direction: .ingress,
                                           etherType: ether, remoteGroupID: id))
        }
        return SecurityGroup(id: id, projectID: project, name: "default", rules: rules,
                             std: StandardAttributes(revision: 1, description: "Default security group"))
    }

    /// The caller's default group, created on first use (a list of groups shows it), or nil when it exists.
    func ensureDefaultGroup(_ auth: AuthContext) -> Batch? {
        guard let project = auth.projectID, let group = defaultGroupIfMissing(project) else { return nil }
        var batch = Batch()
        batch.groups = [group]
        return batch
    }

    func createGroup(_ r: SecurityGroupCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<SecurityGroup> {
        let project = try owningProject(r.owner, auth)
        let name = r.name ?? ""
        if name == "default" {
            throw .conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.")
        }
        let id = ids.make(.securityGroup)
        let rules = [SecurityGroupRule.EtherType.ipv4, .ipv6].map {
            SecurityGroupRule(id: ids.make(.rule), securityGroupID: id, projectID: project, direction: .egress, etherType: $0)
        }
        let group = SecurityGroup(id: id, projectID: project, name: name, stateful: r.stateful ?? true, rules: rules,
                                  std: StandardAttributes(revision: 1, description: r.description ?? ""))
        var batch = Batch()
        batch.groups = [group]
        if let d = defaultGroupIfMissing(project) { batch.groups.append(d) }
        return Decision(batch: batch, result: group)
    }

    func updateGroup(_ id: String, _ r: SecurityGroupUpdate, _ auth: AuthContext) throws(NetworkingError) -> Decision<SecurityGroup> {
        var g = try state.visibleGroup(id, auth)
        guard state.owns(g.projectID, auth) else { throw .forbidden("update_security_group") }
        if let name = r.name, name != g.name {
            if g.name == "default" {
                throw .conflict("SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.")
            }
            if name == "default" { throw .conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.") }
            g.name = name
        }
        if let d = r.description { g.std.description = d }
        if let s = r.stateful, s != g.stateful {
            if !(state.groupPorts[id] ?? []).isEmpty { throw .conflict("SecurityGroupInUse", "Security Group \(id) in use.") }
            g.stateful = s
        }
        g.std.bump()
        var batch = Batch()
        batch.groups = [g]
        return Decision(batch: batch, result: g)
    }

    func deleteGroup(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        let g = try state.visibleGroup(id, auth)
        guard state.owns(g.projectID, auth) else { throw .forbidden("delete_security_group") }
        if g.name == "default", !auth.isAdmin {
            throw .conflict("SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group.")
        }
        if !(state.groupPorts[id] ?? []).isEmpty { throw .conflict("SecurityGroupInUse", "Security Group \(id) in use.") }
        var batch = Batch()
        batch.deletedGroups = [id]
        batch.deletedRBACPolicies = state.policies(on: id).map(\.id)
        // Rules elsewhere that name this group as their remote group go with it.
        for var other in state.groups.values where other.id != id && other.rules.contains(where: { $0.remoteGroupID == id }) {
            other.rules.removeAll { $0.remoteGroupID == id }
            batch.groups.append(other)
        }
        return Decision(batch: batch, result: ())
    }

    func createRule(_ r: SecurityGroupRuleCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<SecurityGroupRule> {
        guard let groupID = r.securityGroupID else {
            throw .badRequest("Failed to parse request. Required attribute 'security_group_id' not specified")
        }
        var g = try state.ownGroup(groupID, auth)
        let project = try owningProject(r.owner, auth)
        let rule = try SecurityGroupRuleValidation.rule(r, id: ids.make(.rule), group: g, project: project)
        if let remote = rule.remoteGroupID { _ = try state.ownGroup(remote, auth) }
        if let remote = rule.remoteAddressGroupID { _ = try state.ownAddressGroup(remote, auth) }
        if let same = g.rules.first(where: { $0.sameTraffic(as: rule) }) {
            throw .conflict("SecurityGroupRuleExists", "Security group rule already exists. Rule id is \(same.id).")
        }
        g.rules.append(rule)
        g.std.bump()
        var batch = Batch()
        batch.groups = [g]
        return Decision(batch: batch, result: rule)
    }

    func deleteRule(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        var (g, _) = try state.ownRule(id, auth)
        g.rules.removeAll { $0.id == id }
        g.std.bump()
        var batch = Batch()
        batch.groups = [g]
        return Decision(batch: batch, result: ())
    }
}
