import Hummingbird
import OpenStackAPI

/// `/v2.0/quotas` (`quotas`, `quota_details`): a project reads its own limits, admins read and set anyone's.
extension NetworkingAPI {
    func registerQuotaRoutes(_ router: Router<APIRequestContext>) {
        let store = store
        /// The caller may read `project`'s quota: their own, or any as admin (`get_quota`).
        @Sendable func readable(_ project: String, _ auth: AuthContext) throws {
            if project != auth.projectID, !auth.isAdmin { throw NetworkingError.forbidden("get_quota") }
        }
        router.get("/v2.0/quotas") { _, context in
            let auth = try context.requireAuth()
            guard auth.isAdmin else { throw NetworkingError.forbidden("get_quota") }
            let s = await store.snapshot
            let items = s.quotas.values.sorted { $0.projectID < $1.projectID }.map { q -> JSON in
                var o = Representation.limits(q)
                o["project_id"] = .string(q.projectID)
                o["tenant_id"] = .string(q.projectID)
                return .object(o)
            }
            return JSONResponse.make(status: 200, body: ["quotas": .array(items)])
        }
        router.get("/v2.0/quotas/project") { _, context in
            let auth = try context.requireAuth()
            return JSONResponse.make(status: 200, body: ["project": ["project_id": .optional(auth.projectID)]])
        }
        router.get("/v2.0/quotas/:project") { _, context in
            let auth = try context.requireAuth(), project = try context.parameters.require("project")
            try readable(project, auth)
            return JSONResponse.make(status: 200, body: ["quota": .object(Representation.limits(await store.snapshot.quota(project)))])
        }
        router.get("/v2.0/quotas/:project/default") { _, context in
            let auth = try context.requireAuth(), project = try context.parameters.require("project")
            try readable(project, auth)
            return JSONResponse.make(status: 200, body: ["quota": .object(Representation.limits(ProjectQuota(projectID: project, limits: [:])))])
        }
        for path in ["/v2.0/quotas/:project/details", "/v2.0/quotas/:project/details.json"] {
            router.get(RouterPath(path)) { _, context in
                let auth = try context.requireAuth(), project = try context.parameters.require("project")
                try readable(project, auth)
                let s = await store.snapshot
                return JSONResponse.make(status: 200, body: ["quota": .object(Representation.quotaDetails(s.quota(project)) { s.usage($0, project) })])
            }
        }
        router.put("/v2.0/quotas/:project") { request, context in
            let auth = try context.requireAuth(), project = try context.parameters.require("project")
            let update = try QuotaDecoding.update(try await request.neutronBody(context: context))
            let quota = try await store.change { try $0.updateQuota(project, update.limits, force: update.force, auth) }
            return JSONResponse.make(status: 200, body: ["quota": .object(Representation.limits(quota))])
        }
        router.delete("/v2.0/quotas/:project") { _, context in
            let auth = try context.requireAuth(), project = try context.parameters.require("project")
            try await store.change { try $0.deleteQuota(project, auth) }
            return JSONResponse.empty()
        }
    }
}
