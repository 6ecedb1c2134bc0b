import Hummingbird
import OpenStackAPI

/// `os-availability-zone` (+ `/detail` admin), `limits`, `os-services` (admin).
struct InfoRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        let store = store
        router.get("/v2.1/os-availability-zone") { _, context in
            _ = try context.requireAuth()
            let hosts = await store.listHosts(), now = ComputeClock.now()
            var zones = Set(hosts.map(\.availabilityZone))
            if zones.isEmpty { zones = ["nova"] }
            let info: [JSON] = zones.sorted().map { zone in
                ["zoneName": .string(zone), "zoneState": ["available": .bool(hosts.contains { $0.availabilityZone == zone && $0.isUp(now: now) })],
                 "hosts": .null]
            }
            return JSONResponse.make(status: 200, body: ["availabilityZoneInfo": .array(info)])
        }
        router.get("/v2.1/os-availability-zone/detail") { _, context in
            try context.requireAdmin("os_compute_api:os-availability-zone:detail")
            let hosts = await store.listHosts(), now = ComputeClock.now()
            let info: [JSON] = Set(hosts.map(\.availabilityZone)).sorted().map { zone in
                let members = hosts.filter { $0.availabilityZone == zone }
                let detail = JSONObject(members.map { host in
                    (host.name, ["nova-compute": ["available": .bool(!host.disabled), "active": .bool(host.isUp(now: now)),
                                                  "updated_at": .string(ComputeClock.oslo(host.lastHeartbeat))]])
                })
                return ["zoneName": .string(zone), "zoneState": ["available": .bool(members.contains { $0.isUp(now: now) })], "hosts": .object(detail)]
            }
            return JSONResponse.make(status: 200, body: ["availabilityZoneInfo": .array(info)])
        }
        router.get("/v2.1/limits") { _, context in
            let caller = try FlavorRoutes.caller(context)
            let used = await store.usage(project: caller.projectID), quota = await store.quota(project: caller.projectID)
            let absolute: JSONObject = [
                "maxServerMeta": .int(quota.metadataItems), "maxPersonality": .int(quota.injectedFiles),
                "maxPersonalitySize": .int(quota.injectedFileContentBytes), "maxImageMeta": 128, "maxTotalKeypairs": .int(quota.keyPairs),
                "maxSecurityGroupRules": 20, "maxSecurityGroups": 10, "maxTotalFloatingIps": 10, "maxServerGroups": .int(quota.serverGroups),
                "maxServerGroupMembers": .int(quota.serverGroupMembers), "maxTotalCores": .int(quota.cores), "maxTotalInstances": .int(quota.instances),
                "maxTotalRAMSize": .int(quota.ram), "totalCoresUsed": .int(used.vcpus), "totalInstancesUsed": .int(used.instances),
                "totalRAMUsed": .int(used.ramMB), "totalSecurityGroupsUsed": 0, "totalFloatingIpsUsed": 0, "totalServerGroupsUsed": 0,
            ]
            return JSONResponse.make(status: 200, body: ["limits": ["rate": [], "absolute": .object(absolute)]])
        }
        router.get("/v2.1/os-services") { request, context in
            try context.requireAdmin("os_compute_api:os-services:list")
            let now = ComputeClock.now()
            var hosts = await store.listHosts()
            if let host = request.query("host") { hosts = hosts.filter { $0.name == host } }
            if let binary = request.query("binary"), binary != "nova-compute" { hosts = [] }
            let services: [JSON] = hosts.map { host in
                ["id": .int(host.id), "binary": "nova-compute", "host": .string(host.name), "zone": .string(host.availabilityZone),
                 "status": host.disabled ? "disabled" : "enabled", "state": host.isUp(now: now) ? "up" : "down",
                 "updated_at": .string(ComputeClock.oslo(host.lastHeartbeat)), "disabled_reason": .null]
            }
            return JSONResponse.make(status: 200, body: ["services": .array(services)])
        }
        HypervisorRoutes(store: store).add(to: router)
    }
}
