import OpenStackAPI

/// QoS policies as Neutron's QoS plugin checks them: admins make and change them (and their rules), a policy is
/// seen by its project or by all when shared, one rule of a kind per direction, one default per project, a policy in
/// use by a port or network stays.
extension NetworkingRules {
    func createQoSPolicy(_ r: QoSPolicyRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<QoSPolicy> {
        guard auth.isAdmin else { throw .forbidden("create_policy") }
        let project = try owningProject(r.owner, auth)
        var policy = QoSPolicy(id: ids.make(.qosPolicy), projectID: project, name: r.name ?? "", shared: r.shared ?? false, isDefault: false,
                               rules: [], std: StandardAttributes(revision: 0, description: r.description ?? ""))
        if let v = r.isDefault { policy.isDefault = try checkedDefault(v, policy) }
        var batch = Batch()
        batch.qosPolicies = [policy]
        if policy.shared { batch.rbacPolicies = [wildcardSharing(.qosPolicy, policy.id, owner: project)] }
        return Decision(batch: batch, result: policy)
    }

    func updateQoSPolicy(_ id: String, _ r: QoSPolicyRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<QoSPolicy> {
        var policy = try state.visibleQoSPolicy(id, auth)
        guard auth.isAdmin else { throw .forbidden("update_policy") }
        if let v = r.name { policy.name = v }
        if let v = r.description { policy.std.description = v }
        var batch = Batch()
        // `shared` is the `*` RBAC policy: made, or removed unless another project depends on it.
        if let v = r.shared, v != policy.shared {
            if v {
                batch.rbacPolicies = [wildcardSharing(.qosPolicy, id, owner: policy.projectID)]
            } else if let wildcard = state.policies(on: id).first(where: { $0.targetProject == RBACPolicy.wildcard }) {
                try checkNotInUse(wildcard, replacedBy: nil)
                batch.deletedRBACPolicies = [wildcard.id]
            }
            policy.shared = v
        }
        if let v = r.isDefault { policy.isDefault = try checkedDefault(v, policy) }
        policy.std.bump()
        batch.qosPolicies = [policy]
        return Decision(batch: batch, result: policy)
    }

    func deleteQoSPolicy(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        _ = try state.visibleQoSPolicy(id, auth)
        guard auth.isAdmin else { throw .forbidden("delete_policy") }
        if let n = state.networks.values.first(where: { $0.qosPolicyID == id }) { throw Self.policyInUse(id, "network", n.id) }
        if let p = state.ports.values.first(where: { $0.qosPolicyID == id }) { throw Self.policyInUse(id, "port", p.id) }
        var batch = Batch()
        batch.deletedQoSPolicies = [id]
        batch.deletedRBACPolicies = state.policies(on: id).map(\.id)
        return Decision(batch: batch, result: ())
    }

    /// A new rule of `kind`; one per kind and direction (409 `QoSRulesConflict`).
    func createQoSRule(_ policyID: String, _ kind: QoSPolicy.Rule.Kind, _ r: QoSRuleRequest, _ auth: AuthContext)
        throws(NetworkingError) -> Decision<QoSPolicy.Rule> {
        // Rules are admins' (Neutron's policy refuses others before it looks the policy up).
        guard auth.isAdmin else { throw .forbidden("create_policy_\(kind.rawValue)_rule") }
        var policy = try state.visibleQoSPolicy(policyID, auth)
        var rule = QoSPolicy.Rule(id: ids.make(.qosRule), kind: kind)
        try Self.apply(r, to: &rule, creating: true)
        try checkNoConflict(rule, in: policy)
        policy.rules.append(rule)
        return revised(policy, rule)
    }

    func updateQoSRule(_ policyID: String, _ kind: QoSPolicy.Rule.Kind, _ id: String, _ r: QoSRuleRequest, _ auth: AuthContext)
        throws(NetworkingError) -> Decision<QoSPolicy.Rule> {
        // Unlike a create, a change looks the policy up first: one the caller cannot see is not found.
        var policy = try state.visibleQoSPolicy(policyID, auth)
        guard auth.isAdmin else { throw .forbidden("update_policy_\(kind.rawValue)_rule") }
        _ = try state.qosRule(kind, id, in: policy)
        let i = policy.rules.firstIndex { $0.id == id }!  // just found
        try Self.apply(r, to: &policy.rules[i], creating: false)
        try checkNoConflict(policy.rules[i], in: policy)
        return revised(policy, policy.rules[i])
    }

    func deleteQoSRule(_ policyID: String, _ kind: QoSPolicy.Rule.Kind, _ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        var policy = try state.visibleQoSPolicy(policyID, auth)
        guard auth.isAdmin else { throw .forbidden("delete_policy_\(kind.rawValue)_rule") }
        _ = try state.qosRule(kind, id, in: policy)
        policy.rules.removeAll { $0.id == id }
        policy.std.bump()
        var batch = Batch()
        batch.qosPolicies = [policy]
        return Decision(batch: batch, result: ())
    }

    /// The policy a port or network names, if the caller may use it (404 `QosPolicyNotFound`).
    func checkedQoSPolicy(_ id: String?, _ auth: AuthContext) throws(NetworkingError) -> String? {
        guard let id else { return nil }
        return try state.visibleQoSPolicy(id, auth).id
    }

    private func revised(_ policy: QoSPolicy, _ rule: QoSPolicy.Rule) -> Decision<QoSPolicy.Rule> {
        var policy = policy
        policy.std.bump()
        var batch = Batch()
        batch.qosPolicies = [policy]
        return Decision(batch: batch, result: rule)
    }

    private func checkedDefault(_ value: Bool, _ policy: QoSPolicy) throws(NetworkingError) -> Bool {
        if value, state.qosPolicies.values.contains(where: { $0.isDefault && $0.projectID == policy.projectID && $0.id != policy.id }) {
            throw .conflict("QoSPolicyDefaultAlreadyExists", "A default QoS policy exists for project \(policy.projectID).")
        }
        return value
    }

    private func checkNoConflict(_ rule: QoSPolicy.Rule, in policy: QoSPolicy) throws(NetworkingError) {
        if let other = policy.rules.first(where: { $0.id != rule.id && $0.kind == rule.kind && $0.direction == rule.direction }) {
            throw .conflict("QoSRulesConflict", "Rule \(rule.kind.rawValue) conflicts with rule \(other.id) which already exists in QoS Policy \(policy.id).")
        }
    }

    /// A rule's attributes as neutron-lib's QoS definitions check them.
    private static func apply(_ r: QoSRuleRequest, to rule: inout QoSPolicy.Rule, creating: Bool) throws(NetworkingError) {
        let validDSCP = [0, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 44, 46, 48, 56]
        switch rule.kind {
        case .bandwidthLimit:
            if r.dscpMark != nil { throw .badRequest("Unrecognized attribute(s) 'dscp_mark'") }
            if creating, r.maxKbps == nil { throw .badRequest("Failed to parse request. Required attribute 'max_kbps' not specified") }
            for (name, value) in [("max_kbps", r.maxKbps), ("max_burst_kbps", r.maxBurstKbps)] {
                if let v = value, !(0...2_147_483_647).contains(v) {
                    throw .invalidInput("Invalid input for \(name). Reason: '\(v)' is not in range 0 through 2147483647")
                }
            }
            if let d = r.direction, d != "egress", d != "ingress" {
                throw .invalidInput("Invalid input for direction. Reason: '\(d)' is not in ['egress', 'ingress']")
            }
            rule.maxKbps = r.maxKbps ?? rule.maxKbps
            rule.maxBurstKbps = r.maxBurstKbps ?? rule.maxBurstKbps
            rule.direction = r.direction ?? rule.direction
        case .dscpMarking:
            if r.maxKbps != nil || r.maxBurstKbps != nil || r.direction != nil {
                throw .badRequest("Unrecognized attribute(s) '\([r.maxKbps.map { _ in "max_kbps" }, r.maxBurstKbps.map { _ in "max_burst_kbps" }, r.direction.map { _ in "direction" }].compactMap { $0 }.joined(separator: ", "))'")
            }
            if creating, r.dscpMark == nil { throw .badRequest("Failed to parse request. Required attribute 'dscp_mark' not specified") }
            if let m = r.dscpMark {
                guard validDSCP.contains(m) else {
                    throw .invalidInput("Invalid input for dscp_mark. Reason: '\(m)' is not in \(validDSCP)")
                }
                rule.dscpMark = m
            }
        }
    }

    private static func policyInUse(_ id: String, _ type: String, _ object: String) -> NetworkingError {
        .conflict("QosPolicyInUse", "QoS Policy \(id) is used by \(type) \(object).")
    }
}

extension NetworkingState {
    /// A policy of the caller's project, or shared with it by an RBAC policy (admins: any), else 404 `QosPolicyNotFound`.
    func visibleQoSPolicy(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> QoSPolicy {
        guard let p = qosPolicies[id], owns(p.projectID, auth) || isShared(id, with: auth.projectID) else {
            throw NetworkingError(.notFound, "QosPolicyNotFound", "QoS policy \(id) could not be found.")
        }
        return p
    }

    /// A policy's rule of `kind`, else 404 `QosRuleNotFound`.
    func qosRule(_ kind: QoSPolicy.Rule.Kind, _ id: String, in policy: QoSPolicy) throws(NetworkingError) -> QoSPolicy.Rule {
        guard let rule = policy.rules.first(where: { $0.id == id && $0.kind == kind }) else {
            throw NetworkingError(.notFound, "QosRuleNotFound", "QoS rule \(id) for policy \(policy.id) could not be found.")
        }
        return rule
    }

    /// The policy that applies to a port: its own, else its network's unless the port is the network's own
    /// (router, DHCP, metadata ports), as ML2/OVN's `port_effective_qos_policy_id`.
    func effectiveQoSPolicy(of p: Port) -> QoSPolicy? {
        if let id = p.qosPolicyID { return qosPolicies[id] }
        guard !p.deviceOwner.hasPrefix("network:"), let id = networks[p.networkID]?.qosPolicyID else { return nil }
        return qosPolicies[id]
    }
}
