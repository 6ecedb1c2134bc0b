import Foundation
import Hummingbird
import OpenStackAPI

/// `os-hypervisors/{id}/uptime`, `os-hypervisors/{pattern}/search` and `os-hypervisors/{pattern}/servers` (admin,
/// the pre-2.53 forms). A pattern matches hypervisor host names containing it; none matching is 404.
struct HypervisorLookupRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        let store = store
        router.get("/v2.1/os-hypervisors/:id/uptime") { _, context in
            try context.requireAdmin("os_compute_api:os-hypervisors:uptime")
            let id = try context.parameters.require("id"), now = ComputeClock.now()
            guard let host = await store.listHosts().first(where: { String($0.id) == id }) else {
                throw ComputeError.notFound("Hypervisor with ID '\(id)' could not be found.")
            }
            guard host.isUp(now: now), let since = host.upSince else {
                throw ComputeError.badRequest("Compute service of \(host.name) is unavailable at this time.")
            }
            var body = HypervisorRoutes.summary(host, now: now)
            body["uptime"] = .string(Self.uptime(now: now, since: since))
            return JSONResponse.make(status: 200, body: ["hypervisor": .object(body)])
        }
        router.get("/v2.1/os-hypervisors/:id/search") { _, context in
            try context.requireAdmin("os_compute_api:os-hypervisors:search")
            let hosts = try await Self.matching(store, try context.parameters.require("id")), now = ComputeClock.now()
            return JSONResponse.make(status: 200, body: ["hypervisors": .array(hosts.map { .object(HypervisorRoutes.summary($0, now: now)) })])
        }
        router.get("/v2.1/os-hypervisors/:id/servers") { _, context in
            try context.requireAdmin("os_compute_api:os-hypervisors:servers")
            let hosts = try await Self.matching(store, try context.parameters.require("id")), now = ComputeClock.now()
            var list: [JSON] = []
            for host in hosts {
                var entry = HypervisorRoutes.summary(host, now: now)
                let servers = await store.instances(onHost: host.name)
                if !servers.isEmpty { entry["servers"] = .array(servers.map { ["uuid": .string($0.id), "name": .string($0.name)] }) }
                list.append(.object(entry))
            }
            return JSONResponse.make(status: 200, body: ["hypervisors": .array(list)])
        }
    }

    /// The hosts whose hypervisor host name contains `pattern` (Nova's `LIKE %pattern%`), 404 when none.
    static func matching(_ store: ComputeStore, _ pattern: String) async throws -> [ComputeHost] {
        let hosts = await store.listHosts().filter { $0.hypervisorHostname.contains(pattern) }
        guard !hosts.isEmpty else { throw ComputeError.notFound("No hypervisor matching '\(pattern)' could be found.") }
        return hosts
    }

    /// `uptime`-style text for the host's agent: ` 08:32:11 up 3 days,  4:05` (how long it has heartbeaten without
    /// a gap; the agent does not report the node's kernel uptime or load).
    static func uptime(now: Double, since: Double) -> String {
        let clock = ComputeClock.iso(now).split(separator: "T").last.map { String($0.dropLast()) } ?? ""
        let total = Int(max(0, now - since)), days = total / 86400, hours = total % 86400 / 3600, minutes = total % 3600 / 60
        let dayText = days > 0 ? "\(days) day\(days == 1 ? "" : "s"), " : ""
        return " \(clock) up \(dayText)\(String(format: "%2d:%02d", hours, minutes))"
    }
}
