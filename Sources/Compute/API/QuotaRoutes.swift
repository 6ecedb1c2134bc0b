import Hummingbird
import OpenStackAPI

/// `os-quota-sets`: show (a project's own, or any as admin), `/defaults`, `/detail` (limits with usage),
/// admin update (`PUT`, 400 below usage unless `force`) and reset (`DELETE`). Server creates enforce them.
struct QuotaRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        router.get("/v2.1/os-quota-sets/:project") { _, context in
            let project = try Self.readable(context)
            return JSONResponse.make(status: 200, body: ["quota_set": Self.render(await store.quota(project: project), id: project)])
        }
        router.get("/v2.1/os-quota-sets/:project/defaults") { _, context in
            _ = try context.requireAuth()
            return JSONResponse.make(status: 200, body: ["quota_set": Self.render(.defaults, id: try context.parameters.require("project"))])
        }
        router.get("/v2.1/os-quota-sets/:project/detail") { _, context in
            let project = try Self.readable(context)
            let quota = await store.quota(project: project), used = await store.usage(project: project)
            let inUse = ["instances": used.instances, "cores": used.vcpus, "ram": used.ramMB]
            var body: JSONObject = ["id": .string(project)]
            for (key, value) in Self.limits(quota) { body[key] = ["limit": .int(value), "in_use": .int(inUse[key] ?? 0), "reserved": 0] }
            return JSONResponse.make(status: 200, body: ["quota_set": .object(body)])
        }
        router.put("/v2.1/os-quota-sets/:project") { request, context in
            guard try FlavorRoutes.caller(context).isAdmin else { throw ComputeError.policy("os_compute_api:os-quota-sets:update") }
            let project = try context.parameters.require("project")
            let update = try Self.decode(try await request.jsonObject(context: context))
            return JSONResponse.make(status: 200, body: ["quota_set": Self.render(try await store.updateQuota(project: project, update), id: nil)])
        }
        router.delete("/v2.1/os-quota-sets/:project") { _, context in
            guard try FlavorRoutes.caller(context).isAdmin else { throw ComputeError.policy("os_compute_api:os-quota-sets:delete") }
            try await store.resetQuota(project: try context.parameters.require("project"))
            return JSONResponse.empty(status: 202)
        }
    }

    /// The project in the path, when the caller may read its quotas (its own, or any for an admin).
    private static func readable(_ context: APIRequestContext) throws -> String {
        let caller = try FlavorRoutes.caller(context), project = try context.parameters.require("project")
        guard caller.owns(project) else { throw ComputeError.policy("os_compute_api:os-quota-sets:show") }
        return project
    }

    /// The body of an update: `{"quota_set": {name: int, …, "force": bool}}`; unknown names are 400 as in
    /// Nova's schema, the network ones of 2.1 are accepted and ignored.
    static func decode(_ body: JSONObject) throws(ComputeError) -> QuotaUpdate {
        let fields = try BodyFields.resource(body, "quota_set")
        let known = Set(QuotaSet.fields.map(\.name) + QuotaSet.deprecatedNetworkFields + ["force"])
        if let unknown = fields.object.keys.sorted().first(where: { !known.contains($0) }) {
            throw .badRequest("Invalid input for field/attribute quota_set. Value: Additional properties are not allowed ('\(unknown)' was unexpected)")
        }
        var limits: [String: Int] = [:]
        for (name, _) in QuotaSet.fields {
            if let value = try fields.int(name, in: -1...Int(Int32.max)) { limits[name] = value }
        }
        return QuotaUpdate(limits: limits, force: try fields.bool("force") ?? false)
    }

    /// The limits in order, network ones (-1) included as 2.1 shows them.
    static func limits(_ quota: QuotaSet) -> [(String, Int)] {
        QuotaSet.fields.map { ($0.name, quota[keyPath: $0.path]) }
            + QuotaSet.deprecatedNetworkFields.filter { $0 != "networks" }.map { ($0, -1) }
    }

    /// A `quota_set` body (with `id` except in an update's answer, as in Nova).
    static func render(_ quota: QuotaSet, id: String?) -> JSON {
        .object(JSONObject((id.map { [("id", JSON.string($0))] } ?? []) + limits(quota).map { ($0.0, JSON.int($0.1)) }))
    }
}
