import Hummingbird
import OpenStackAPI

/// `os-hypervisors` (admin): list, detail, show, statistics, from the registered hosts and their instances;
/// uptime, search and servers in ``HypervisorLookupRoutes``.
struct HypervisorRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        let store = store
        router.get("/v2.1/os-hypervisors") { _, context in
            try context.requireAdmin("os_compute_api:os-hypervisors:list")
            let now = ComputeClock.now()
            let list: [JSON] = await store.listHosts().map { .object(Self.summary($0, now: now)) }
            return JSONResponse.make(status: 200, body: ["hypervisors": .array(list)])
        }
        router.get("/v2.1/os-hypervisors/detail") { _, context in
            try context.requireAdmin("os_compute_api:os-hypervisors:list-detail")
            let hosts = await store.listHosts(), usage = await store.usageByHost()
            return JSONResponse.make(status: 200, body: ["hypervisors": .array(hosts.map { Self.detail($0, usage[$0.name] ?? HostUsage()) })])
        }
        router.get("/v2.1/os-hypervisors/statistics") { _, context in
            try context.requireAdmin("os_compute_api:os-hypervisors:statistics")
            let hosts = await store.listHosts(), usage = await store.usageByHost()
            var totals: [String: Int] = [:]
            for host in hosts {
                let used = usage[host.name] ?? HostUsage()
                for (key, value) in [("vcpus", host.vcpus), ("vcpus_used", used.vcpus), ("memory_mb", host.memoryMB),
                                     ("memory_mb_used", used.ramMB), ("local_gb", host.localGB), ("local_gb_used", used.diskGB),
                                     ("free_ram_mb", host.memoryMB - used.ramMB), ("free_disk_gb", host.localGB - used.diskGB),
                                     ("disk_available_least", host.localGB - used.diskGB), ("running_vms", used.instances)] {
                    totals[key, default: 0] += value
                }
            }
            var stats: JSONObject = ["count": .int(hosts.count), "current_workload": 0]
            for key in totals.keys.sorted() { stats[key] = .int(totals[key] ?? 0) }
            for key in ["vcpus", "vcpus_used", "memory_mb", "memory_mb_used", "local_gb", "local_gb_used", "free_ram_mb", "free_disk_gb",
                        "disk_available_least", "running_vms"] where stats[key] == nil { stats[key] = 0 }
            return JSONResponse.make(status: 200, body: ["hypervisor_statistics": .object(stats)])
        }
        router.get("/v2.1/os-hypervisors/:id") { _, context in
            try context.requireAdmin("os_compute_api:os-hypervisors:show")
            let id = try context.parameters.require("id")
            guard let host = await store.listHosts().first(where: { String($0.id) == id }) else {
                throw ComputeError.notFound("Hypervisor with ID '\(id)' could not be found.")
            }
            let used = await store.usageByHost()[host.name] ?? HostUsage()
            return JSONResponse.make(status: 200, body: ["hypervisor": Self.detail(host, used)])
        }
        HypervisorLookupRoutes(store: store).add(to: router)
    }

    /// The list entry of a host.
    static func summary(_ host: ComputeHost, now: Double) -> JSONObject {
        ["id": .int(host.id), "hypervisor_hostname": .string(host.hypervisorHostname),
         "state": host.isUp(now: now) ? "up" : "down", "status": host.disabled ? "disabled" : "enabled"]
    }

    static func detail(_ host: ComputeHost, _ used: HostUsage) -> JSON {
        let now = ComputeClock.now()
        return ["id": .int(host.id), "hypervisor_hostname": .string(host.hypervisorHostname), "state": host.isUp(now: now) ? "up" : "down",
                "status": host.disabled ? "disabled" : "enabled", "hypervisor_type": "runc", "hypervisor_version": 1000,
                "host_ip": .string(host.hostIP), "vcpus": .int(host.vcpus), "vcpus_used": .int(used.vcpus), "memory_mb": .int(host.memoryMB),
                "memory_mb_used": .int(used.ramMB), "free_ram_mb": .int(host.memoryMB - used.ramMB), "local_gb": .int(host.localGB),
                "local_gb_used": .int(used.diskGB), "free_disk_gb": .int(host.localGB - used.diskGB),
                "disk_available_least": .int(host.localGB - used.diskGB), "running_vms": .int(used.instances), "current_workload": 0,
                "cpu_info": "{}", "service": ["host": .string(host.name), "id": .int(host.id), "disabled_reason": .null]]
    }
}
