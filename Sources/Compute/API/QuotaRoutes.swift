import Hummingbird
import OpenStackAPI

/// `os-quota-sets/{project}` and `/defaults` (read-only): Nova's default quotas, the ones creates enforce.
struct QuotaRoutes {
    func add(to router: Router<APIRequestContext>) {
        router.get("/v2.1/os-quota-sets/:project") { _, context in
            let caller = try FlavorRoutes.caller(context), project = try context.parameters.require("project")
            guard caller.owns(project) else { throw ComputeError.policy("os_compute_api:os-quota-sets:show") }
            return JSONResponse.make(status: 200, body: ["quota_set": Self.quotaSet(project)])
        }
        router.get("/v2.1/os-quota-sets/:project/defaults") { _, context in
            _ = try context.requireAuth()
            return JSONResponse.make(status: 200, body: ["quota_set": Self.quotaSet(try context.parameters.require("project"))])
        }
    }

    static func quotaSet(_ project: String) -> JSON {
        let quota = ServerRules.quota
        return ["id": .string(project), "instances": .int(quota.instances), "cores": .int(quota.cores), "ram": .int(quota.ramMB),
                "key_pairs": 100, "metadata_items": .int(ServerRules.metadataItems), "injected_files": 5, "injected_file_content_bytes": 10240,
                "injected_file_path_bytes": 255, "server_groups": 10, "server_group_members": 10, "fixed_ips": -1, "floating_ips": -1,
                "security_groups": -1, "security_group_rules": -1]
    }
}
