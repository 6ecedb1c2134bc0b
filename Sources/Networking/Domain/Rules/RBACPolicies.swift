import OpenStackAPI

/// RBAC policies as Neutron checks them: only an object's owner (or an admin) shares it; a policy whose removal
/// would strand another project's ports (or gateway routers) is in use; the `*` policies follow a network's
/// `shared` and `router:external`.
extension NetworkingRules {
    /// A new policy on a network or security group the caller owns (admins: any).
    func createRBACPolicy(_ r: RBACPolicyCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<RBACPolicy> {
        let project = try owningProject(r.owner, auth)
        if r.targetProject == RBACPolicy.wildcard, !auth.isAdmin { throw .forbidden("create_rbac_policy:target_tenant") }
        let action = try Self.checkedAction(r.action, for: r.objectType)
        try checkOwnsObject(r.objectType, r.objectID, auth)
        let policy = RBACPolicy(id: ids.make(.rbacPolicy), projectID: project, objectType: r.objectType, objectID: r.objectID,
                                action: action, targetProject: r.targetProject)
        try checkNoDuplicate(policy)
        var batch = Batch()
        batch.rbacPolicies = [policy]
        syncShared(&batch, policy, after: state.policies(on: policy.objectID) + [policy])
        // A network usable as a gateway by anyone it names is external.
        if action == .accessAsExternal, var n = state.networks[r.objectID], !n.external {
            n.external = true
            batch.networks = [n]
        }
        revise(&batch, policy)
        return Decision(batch: batch, result: policy)
    }

    /// A new `target_tenant` (nil: none sent), checked as removing the old one and adding the new one.
    func updateRBACPolicy(_ id: String, targetProject: String?, _ auth: AuthContext) throws(NetworkingError) -> Decision<RBACPolicy> {
        var policy = try state.visiblePolicy(id, auth)
        if targetProject == RBACPolicy.wildcard, !auth.isAdmin { throw .forbidden("update_rbac_policy:target_tenant") }
        try checkOwnsObject(policy.objectType, policy.objectID, auth)
        guard let targetProject, targetProject != policy.targetProject else { return Decision(batch: Batch(), result: policy) }
        // Neutron checks a change to `*` as nobody losing access; any other change as the old target losing it — with the
        // new target counted only for `access_as_external` (its shared-access checks look at the other policies alone).
        if targetProject != RBACPolicy.wildcard || policy.action == .accessAsExternal {
            try checkNotInUse(policy, replacedBy: policy.action == .accessAsExternal ? targetProject : nil)
        }
        policy.targetProject = targetProject
        try checkNoDuplicate(policy)
        var batch = Batch()
        batch.rbacPolicies = [policy]
        syncShared(&batch, policy, after: state.policies(on: policy.objectID).filter { $0.id != id } + [policy])
        revise(&batch, policy)
        return Decision(batch: batch, result: policy)
    }

    /// Removes a policy nothing depends on; a network's last `access_as_external` one makes it internal again.
    func deleteRBACPolicy(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        let policy = try state.visiblePolicy(id, auth)
        try checkNotInUse(policy, replacedBy: nil)
        var batch = Batch()
        batch.deletedRBACPolicies = [id]
        let remaining = state.policies(on: policy.objectID).filter { $0.id != id }
        syncShared(&batch, policy, after: remaining)
        // The last `access_as_external` policy makes the network internal, unless routers have their gateways on it.
        if policy.action == .accessAsExternal, !remaining.contains(where: { $0.action == .accessAsExternal }),
           var n = state.networks[policy.objectID], n.external, !hasGatewayPorts(n.id) {
            n.external = false
            n.isDefault = false
            batch.networks = [n]
        }
        revise(&batch, policy)
        return Decision(batch: batch, result: ())
    }

    /// A network's policies are part of it: each change bumps its revision (Neutron's `revises_on_change`).
    private func revise(_ batch: inout Batch, _ policy: RBACPolicy) {
        guard policy.objectType == .network,
              var n = batch.networks.first(where: { $0.id == policy.objectID }) ?? state.networks[policy.objectID] else { return }
        n.std.bump()
        batch.networks = [n]
    }

    /// Keeps a network's, address scope's or QoS policy's `shared` (a `*` `access_as_shared` policy) in step with its policies.
    private func syncShared(_ batch: inout Batch, _ policy: RBACPolicy, after policies: [RBACPolicy]) {
        guard policy.action == .accessAsShared else { return }
        let shared = policies.contains { $0.action == .accessAsShared && $0.targetProject == RBACPolicy.wildcard }
        switch policy.objectType {
        case .network:
            if var n = state.networks[policy.objectID], n.shared != shared {
                n.shared = shared
                batch.networks = [n]
            }
        case .addressScope:
            if var s = state.addressScopes[policy.objectID], s.shared != shared {
                s.shared = shared
                batch.addressScopes = [s]
            }
        case .qosPolicy:
            if var q = state.qosPolicies[policy.objectID], q.shared != shared {
                q.shared = shared
                batch.qosPolicies = [q]
            }
        case .securityGroup: break
        }
    }

    /// The `*` policies a network's `shared` and `router:external` stand for, owned by the network's project.
    func wildcardPolicies(for n: Network, shared: Bool, external: Bool) -> [RBACPolicy] {
        var out: [RBACPolicy] = []
        if shared { out.append(wildcardSharing(.network, n.id, owner: n.projectID)) }
        if external {
            out.append(RBACPolicy(id: ids.make(.rbacPolicy), projectID: n.projectID, objectType: .network, objectID: n.id,
                                  action: .accessAsExternal, targetProject: RBACPolicy.wildcard))
        }
        return out
    }

    /// Policies for networks stored before RBAC was served: their `shared` and `router:external` get their `*`
    /// policies (the store does this once).
    func missingWildcardPolicies() -> Batch? {
        var batch = Batch()
        for n in state.networks.values {
            let policies = state.policies(on: n.id)
            let shared = n.shared && !policies.contains { $0.action == .accessAsShared && $0.targetProject == RBACPolicy.wildcard }
            let external = n.external && !policies.contains { $0.action == .accessAsExternal }
            batch.rbacPolicies += wildcardPolicies(for: n, shared: shared, external: external)
        }
        return batch.rbacPolicies.isEmpty ? nil : batch
    }

    /// Whether any router has its gateway on the network.
    func hasGatewayPorts(_ network: String) -> Bool {
        state.ports(of: network).contains { $0.deviceOwner == DeviceOwner.routerGateway }
    }

    /// 409 `RbacPolicyInUse` when the policy's target (or, with `replacedBy`, what it keeps) would leave some
    /// project's resources without the access they were made with.
    func checkNotInUse(_ policy: RBACPolicy, replacedBy newTarget: String?) throws(NetworkingError) {
        let others = state.policies(on: policy.objectID).filter { $0.id != policy.id && $0.action == policy.action }
        let wildcardRemains = others.contains { $0.targetProject == RBACPolicy.wildcard }
        var kept = Set(others.map(\.targetProject))
        if let newTarget { kept.insert(newTarget) }
        switch (policy.objectType, policy.action) {
        case (.network, .accessAsShared):
            guard let n = state.networks[policy.objectID], policy.targetProject != n.projectID, !wildcardRemains, !kept.contains(RBACPolicy.wildcard) else { return }
            let stranded = state.ports(of: n.id).contains { p in
                !p.isMetadata && p.projectID != n.projectID && !kept.contains(p.projectID)
                    && (policy.targetProject == RBACPolicy.wildcard || p.projectID == policy.targetProject)
            }
            if stranded {
                throw Self.policyInUse(n.id, "Unable to reconfigure sharing settings for network \(n.id). Multiple tenants are using it.")
            }
        case (.network, .accessAsExternal):
            if policy.targetProject == RBACPolicy.wildcard, state.networks[policy.objectID].map({ $0.external && $0.isDefault }) == true {
                throw Self.policyInUse(policy.objectID, "Default external networks must be shared to everyone.")
            }
            guard !wildcardRemains || policy.targetProject == RBACPolicy.wildcard else { return }
            let gatewayOwners = state.ports(of: policy.objectID).filter { $0.deviceOwner == DeviceOwner.routerGateway }
                .compactMap { state.routers[$0.deviceID]?.projectID }
            let stranded = policy.targetProject == RBACPolicy.wildcard
                ? gatewayOwners.contains { !kept.contains($0) }
                : gatewayOwners.contains(policy.targetProject) && !kept.contains(policy.targetProject)
            if stranded {
                throw Self.policyInUse(policy.objectID, "There are routers attached to this network that depend on this policy for access.")
            }
        case (.securityGroup, _), (.addressScope, _), (.qosPolicy, _):
            // The projects that use the object: those with ports in the group, or with subnet pools in the scope.
            let owner: String?, users: [String]
            switch policy.objectType {
            case .securityGroup:
                owner = state.groups[policy.objectID]?.projectID
                users = (state.groupPorts[policy.objectID] ?? []).compactMap { state.ports[$0]?.projectID }
            case .qosPolicy:
                owner = state.qosPolicies[policy.objectID]?.projectID
                users = state.networks.values.filter { $0.qosPolicyID == policy.objectID }.map(\.projectID)
                    + state.ports.values.filter { $0.qosPolicyID == policy.objectID }.map(\.projectID)
            default:
                owner = state.addressScopes[policy.objectID]?.projectID
                users = state.subnetPools.values.filter { $0.addressScopeID == policy.objectID }.map(\.projectID)
            }
            // The owner's own use counts too when `*` goes (Neutron's `_validate_rbac_policy_delete`).
            guard let owner, policy.targetProject != owner, !wildcardRemains else { return }
            let bound = Set(users)
            let stranded = policy.targetProject == RBACPolicy.wildcard
                ? !bound.isSubset(of: kept) : bound.contains(policy.targetProject) && !kept.contains(policy.targetProject)
            if stranded { throw Self.policyInUse(policy.objectID, "project_id=\(policy.targetProject)") }
        }
    }

    private static func policyInUse(_ object: String, _ details: String) -> NetworkingError {
        .conflict("RbacPolicyInUse", "RBAC policy on object \(object) cannot be removed because other objects depend on it.\nDetails: \(details)")
    }

    /// The object must exist and be visible (404 as its own kind), and be the caller's unless they are an admin.
    private func checkOwnsObject(_ type: RBACPolicy.ObjectType, _ id: String, _ auth: AuthContext) throws(NetworkingError) {
        let owner: String
        switch type {
        case .network: owner = try state.visibleNetwork(id, auth).projectID
        case .securityGroup: owner = try state.visibleGroup(id, auth).projectID
        case .addressScope: owner = try state.visibleAddressScope(id, auth).projectID
        case .qosPolicy: owner = try state.visibleQoSPolicy(id, auth).projectID
        }
        guard state.owns(owner, auth) else {
            let objects = type == .network ? "networks" : "objects"
            throw .invalidInput("Only admins can manipulate policies on \(objects) they do not own")
        }
    }

    private func checkNoDuplicate(_ policy: RBACPolicy) throws(NetworkingError) {
        let duplicate = state.policies(on: policy.objectID).contains {
            $0.id != policy.id && $0.action == policy.action && $0.targetProject == policy.targetProject
        }
        if duplicate { throw .conflict("DuplicateRbacPolicy", "An RBAC policy already exists with those values.") }
    }

    /// The action, if the object type has it (400 `InvalidActionForType` with the valid ones as Python writes a tuple).
    static func checkedAction(_ text: String, for type: RBACPolicy.ObjectType) throws(NetworkingError) -> RBACPolicy.Action {
        if let action = RBACPolicy.Action(rawValue: text), type.validActions.contains(action) { return action }
        let names = type.validActions.map { "'\($0.rawValue)'" }
        let tuple = names.count == 1 ? "(\(names[0]),)" : "(\(names.joined(separator: ", ")))"
        throw NetworkingError(.badRequest, "InvalidActionForType",
                              "Invalid action '\(text)' for object type '\(type.rawValue)'. Valid actions: \(tuple)")
    }
}

extension NetworkingState {
    /// A policy of the caller's project (admins: any), else 404 `RbacPolicyNotFound`.
    func visiblePolicy(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> RBACPolicy {
        guard let p = rbacPolicies[id], owns(p.projectID, auth) else {
            throw NetworkingError(.notFound, "RbacPolicyNotFound", "RBAC policy of type \(rbacPolicies[id]?.objectType.rawValue ?? "unknown") with ID \(id) not found")
        }
        return p
    }
}
