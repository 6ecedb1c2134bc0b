import Hummingbird
import OpenStackAPI

/// `/v2.0/network-ip-availabilities` (admins) and `/v2.0/floatingip-pools`: read-only views computed from the state.
extension NetworkingAPI {
    func registerAvailabilityRoutes(_ router: Router<APIRequestContext>) {
        let store = store
        router.get("/v2.0/network-ip-availabilities") { request, context in
            let auth = try context.requireAuth()
            guard auth.isAdmin else { throw NetworkingError.forbidden("get_network_ip_availability") }
            let s = await store.snapshot
            // `ip_version` narrows the subnets counted; a network left with none of that version is not listed.
            var query = request.queryItems
            var versions: [Int] = []
            for (key, value) in query where key == "ip_version" {
                guard let v = Int(value), v == 4 || v == 6 else { throw NetworkingError.invalidInput("'\(value)' is not in [4, 6]") }
                versions.append(v)
            }
            query.removeAll { $0.0 == "ip_version" }
            let items = s.networks.values.flatMap { n -> [JSONObject] in
                if versions.isEmpty { return [Representation.ipAvailability(s.ipAvailability(n))] }
                return versions.map { s.ipAvailability(n, ipVersion: $0) }.filter { !$0.subnets.isEmpty }.map(Representation.ipAvailability)
            }
            return try Collections.respond("network_ip_availabilities", items, query: query, idKey: "network_id", request, context)
        }
        router.get("/v2.0/network-ip-availabilities/:id") { _, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            guard auth.isAdmin else { throw NetworkingError.forbidden("get_network_ip_availability") }
            let s = await store.snapshot
            guard let n = s.networks[id] else { throw NetworkingError.notFound(.network, id) }
            return JSONResponse.make(status: 200, body: ["network_ip_availability": .object(Representation.ipAvailability(s.ipAvailability(n)))])
        }
        router.get("/v2.0/floatingip-pools") { request, context in
            let auth = try context.requireAuth()
            let s = await store.snapshot
            let pools = s.networks.values.filter { $0.external && s.canSee($0, auth) }.flatMap { s.subnets(of: $0.id) }
                .filter { $0.ipVersion == 4 }.map { Representation.floatingIPPool($0, project: auth.projectID ?? "") }
            return try Collections.respond("floatingip_pools", pools, idKey: "subnet_id", request, context)
        }
    }
}
