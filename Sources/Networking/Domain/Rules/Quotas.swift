import OpenStackAPI

/// `quotas` and `quota_details`: a project's limits, its usage, and the check every API create makes.
extension NetworkingState {
    /// The limits of `project` (its own where set, else the defaults).
    func quota(_ project: String) -> ProjectQuota { quotas[project] ?? ProjectQuota(projectID: project, limits: [:]) }

    /// How many `resource`s `project` has.
    func usage(_ resource: QuotaResource, _ project: String) -> Int {
        switch resource {
        case .network: networks.values.count { $0.projectID == project }
        case .subnet: subnets.values.count { $0.projectID == project }
        case .port: portCounts[project] ?? 0
        case .router: routers.values.count { $0.projectID == project }
        case .floatingip: floatingIPs.values.count { $0.projectID == project }
        case .securityGroup: groups.values.count { $0.projectID == project }
        case .securityGroupRule: groups.values.reduce(0) { $0 + $1.rules.count { $0.projectID == project } }
        case .subnetPool: subnetPools.values.count { $0.projectID == project }
        case .rbacPolicy: rbacPolicies.values.count { $0.projectID == project }
        }
    }
}

extension NetworkingRules {
    /// `decision` (one new `resource`) unless its project is at its limit: Neutron's 409 `OverQuota`.
    /// Resources the service makes itself (metadata and router ports, default groups) count but are not checked.
    func quotaChecked<R: ProjectOwned>(_ resource: QuotaResource, adding count: Int = 1, _ decision: Decision<R>) throws(NetworkingError)
        -> Decision<R> {
        let project = decision.result.projectID
        let limit = state.quota(project).limit(resource)
        guard count > 0, limit >= 0, state.usage(resource, project) + count > limit else { return decision }
        throw .conflict("OverQuota", "Quota exceeded for resources: ['\(resource.rawValue)'].")
    }

    /// New limits for `project` (admins only). Unless `force`, a limit below what the project already uses is refused.
    func updateQuota(_ project: String, _ limits: [QuotaResource: Int], force: Bool, _ auth: AuthContext) throws(NetworkingError)
        -> Decision<ProjectQuota> {
        guard auth.isAdmin else { throw .forbidden("update_quota") }
        if !force {
            for (resource, limit) in limits.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where limit >= 0 {
                let used = state.usage(resource, project)
                if used > limit {
                    throw .badRequest("Quota limit \(limit) for \(resource.rawValue) must be greater than or equal to already used \(used)")
                }
            }
        }
        var quota = state.quota(project)
        quota.limits.merge(limits) { _, new in new }
        var batch = Batch()
        batch.quotas = [quota]
        return Decision(batch: batch, result: quota)
    }

    /// Back to the default limits (admins only).
    func deleteQuota(_ project: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        guard auth.isAdmin else { throw .forbidden("delete_quota") }
        var batch = Batch()
        batch.deletedQuotas = [project]
        return Decision(batch: batch, result: ())
    }
}
