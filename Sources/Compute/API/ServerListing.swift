import Foundation
import Hummingbird
import OpenStackAPI

/// The filters of `GET /servers[/detail]`: `name` (regex), `status`, `image`, `flavor`, `host` (admin),
/// `changes-since`, `all_tenants` (admin), `ip`/`ip6` (regex searched in the server's IPv4/IPv6 addresses), `limit`/`marker`.
struct ServerListing {
    let caller: Caller
    let request: Request

    init(_ request: Request, _ auth: AuthContext) {
        self.request = request
        caller = Caller(auth)
    }

    func list(_ store: ComputeStore) async throws -> [Instance] {
        let allProjects = request.query("all_tenants").map { $0.isEmpty || !["0", "false", "False"].contains($0) } ?? false
        var servers = await store.listInstances(caller, allProjects: allProjects)
        if let project = request.query("project_id") ?? request.query("tenant_id"), caller.isAdmin, allProjects {
            servers = servers.filter { $0.projectID == project }
        }
        if let name = request.query("name") {
            guard let regex = try? Regex(name) else { throw ComputeError.badRequest("Invalid regular expression for name: \(name)") }
            servers = servers.filter { $0.name.contains(regex) }
        }
        if let status = request.query("status")?.uppercased() { servers = servers.filter { $0.status == status } }
        if let image = request.query("image") { servers = servers.filter { $0.imageID == image || image.hasSuffix("/" + $0.imageID) } }
        if let flavor = request.query("flavor") { servers = servers.filter { $0.flavor.id == flavor || flavor.hasSuffix("/" + $0.flavor.id) } }
        for (key, version) in [("ip", 4), ("ip6", 6)] {
            guard let pattern = request.query(key) else { continue }
            guard let regex = try? Regex(pattern) else { throw ComputeError.badRequest("Invalid regular expression for \(key): \(pattern)") }
            servers = servers.filter { server in
                server.addresses.contains { $0.addresses.contains { $0.version == version && $0.addr.contains(regex) } }
            }
        }
        if let host = request.query("host") {
            guard caller.isAdmin else { throw ComputeError.policy("os_compute_api:servers:index:host") }
            servers = servers.filter { $0.host == host }
        }
        if let text = request.query("changes-since") {
            guard let since = ComputeClock.parse(text) else { throw BodyFields.invalid("changes-since", "\(text) is not a 'date-time'") }
            servers = servers.filter { $0.updatedAt >= since }
        }
        return try Paging(request).page(servers, id: \.id, kind: "server")
    }
}
