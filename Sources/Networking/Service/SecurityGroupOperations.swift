import OpenStackAPI

/// `/v2.0/security-groups` and `/v2.0/security-group-rules`.
extension NetworkingCore {
    static let groupRules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "description": .init(post: true, put: true), "stateful": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]
    static let ruleRules: [String: Attributes.Rule] = [
        "security_group_id": .init(post: true, put: false), "direction": .init(post: true, put: false),
        "ethertype": .init(post: true, put: false), "protocol": .init(post: true, put: false),
        "port_range_min": .init(post: true, put: false), "port_range_max": .init(post: true, put: false),
        "remote_ip_prefix": .init(post: true, put: false), "remote_group_id": .init(post: true, put: false),
        "remote_address_group_id": .init(post: true, put: false), "description": .init(post: true, put: false),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]

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

    /// Makes sure the caller's project has its default group (Neutron creates it on first use).
    func ensureDefaultGroup(_ project: String) async throws {
        guard let group = defaultGroupIfMissing(project) else { return }
        var batch = Batch()
        batch.groups = [group]
        try await commit(batch)
    }

    public func listGroups(_ auth: AuthContext) async throws -> [JSONObject] {
        if let project = auth.projectID { try await ensureDefaultGroup(project) }
        return state.groups.values.filter { owns($0.projectID, auth) }.map(Representation.group)
    }

    public func showGroup(_ id: String, _ auth: AuthContext) throws -> JSONObject { Representation.group(try ownGroup(id, auth)) }

    public func createGroup(_ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        let a = try Attributes(body, resource: "security_group", rules: Self.groupRules, create: true)
        let project = try owningProject(a, auth, resource: "security_group")
        let name = try a.string("name") ?? ""
        if name == "default" {
            throw NeutronErrors.conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.")
        }
        let id = ids.make(.securityGroup)
        let rules = [SecurityGroupRule.EtherType.ipv4, .ipv6].map {
            SecurityGroupRule(id: ids.make(.rule), securityGroupID: id, projectID: project, direction: .egress, etherType: $0)
        }
        let group = SecurityGroup(id: id, projectID: project, name: name, stateful: try a.bool("stateful") ?? true, rules: rules,
                                  std: StandardAttributes(revision: 1, description: try a.string("description") ?? ""))
        var batch = Batch()
        batch.groups = [group]
        if let d = defaultGroupIfMissing(project) { batch.groups.append(d) }
        try await commit(batch)
        return Representation.group(group)
    }

    public func updateGroup(_ id: String, _ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        var g = try ownGroup(id, auth)
        let a = try Attributes(body, resource: "security_group", rules: Self.groupRules, create: false)
        if let name = try a.string("name"), name != g.name {
            if g.name == "default" {
                throw NeutronErrors.conflict("SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.")
            }
            if name == "default" { throw NeutronErrors.conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.") }
            g.name = name
        }
        if let d = try a.string("description") { g.std.description = d }
        if let s = try a.bool("stateful"), s != g.stateful {
            if !(state.groupPorts[id] ?? []).isEmpty {
                throw NeutronErrors.conflict("SecurityGroupInUse", "Security Group \(id) in use.")
            }
            g.stateful = s
        }
        g.std.bump()
        var batch = Batch()
        batch.groups = [g]
        try await commit(batch)
        return Representation.group(g)
    }

    public func deleteGroup(_ id: String, _ auth: AuthContext) async throws {
        let g = try ownGroup(id, auth)
        if g.name == "default", !auth.isAdmin {
            throw NeutronErrors.conflict("SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group.")
        }
        if !(state.groupPorts[id] ?? []).isEmpty { throw NeutronErrors.conflict("SecurityGroupInUse", "Security Group \(id) in use.") }
        var batch = Batch()
        batch.deletedGroups = [id]
        // Rules elsewhere that name this group as their remote group go with it.
        for var other in state.groups.values where other.id != id && other.rules.contains(where: { $0.remoteGroupID == id }) {
            other.rules.removeAll { $0.remoteGroupID == id }
            batch.groups.append(other)
        }
        try await commit(batch)
    }

    public func listRules(_ auth: AuthContext) -> [JSONObject] {
        state.groups.values.filter { owns($0.projectID, auth) }.flatMap { $0.rules.map(Representation.rule) }
    }

    public func showRule(_ id: String, _ auth: AuthContext) throws -> JSONObject {
        guard let g = state.group(ofRule: id), owns(g.projectID, auth), let r = g.rules.first(where: { $0.id == id }) else {
            throw NeutronErrors.notFound(.securityGroupRule, id)
        }
        return Representation.rule(r)
    }

    public func createRule(_ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        let a = try Attributes(body, resource: "security_group_rule", rules: Self.ruleRules, create: true)
        guard let groupID = try a.string("security_group_id") else {
            throw NeutronErrors.badRequest("Failed to parse request. Required attribute 'security_group_id' not specified")
        }
        var g = try ownGroup(groupID, auth)
        let rule = try SecurityGroupRuleParser.parse(a, id: ids.make(.rule), group: g, project: try owningProject(a, auth, resource: "security_group_rule"))
        if let remote = rule.remoteGroupID { _ = try ownGroup(remote, auth) }
        if let same = g.rules.first(where: { $0.sameTraffic(as: rule) }) {
            throw NeutronErrors.conflict("SecurityGroupRuleExists", "Security group rule already exists. Rule id is \(same.id).")
        }
        g.rules.append(rule)
        g.std.bump()
        var batch = Batch()
        batch.groups = [g]
        try await commit(batch)
        return Representation.rule(rule)
    }

    public func deleteRule(_ id: String, _ auth: AuthContext) async throws {
        guard var g = state.group(ofRule: id), owns(g.projectID, auth) else { throw NeutronErrors.notFound(.securityGroupRule, id) }
        g.rules.removeAll { $0.id == id }
        g.std.bump()
        var batch = Batch()
        batch.groups = [g]
        try await commit(batch)
    }
}
