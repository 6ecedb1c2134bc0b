import OpenStackAPI

/// `/v2.0/rbac-policies`: a caller sees the policies of their project (admins: all).
extension NetworkingAPI {
    var rbacPolicies: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                let policies = s.rbacPolicies.values.filter { s.owns($0.projectID, auth) }.map(Representation.rbacPolicy)
                return try Collections.respond("rbac_policies", policies, request, context)
            },
            show: { id, auth in Representation.rbacPolicy(try await store.snapshot.visiblePolicy(id, auth)) },
            create: { body, auth in
                let request = try RBACPolicyDecoding.create(body)
                return Representation.rbacPolicy(try await store.change { try $0.quotaChecked(.rbacPolicy, $0.createRBACPolicy(request, auth)) })
            },
            update: { id, body, auth, precondition in
                let target = try RBACPolicyDecoding.update(body)
                return Representation.rbacPolicy(try await store.change(precondition) { try $0.updateRBACPolicy(id, targetProject: target, auth) })
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteRBACPolicy(id, auth) } })
    }
}
