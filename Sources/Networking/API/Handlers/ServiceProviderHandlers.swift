import Hummingbird
import OpenStackAPI

/// `/v2.0/service-providers` (`service-type`): the drivers behind the advanced services. The one service here besides
/// the core is L3, and OVN is its driver, as Neutron lists it with the OVN L3 plugin (`L3_ROUTER_NAT`, `ovn`, default).
extension NetworkingAPI {
    func registerServiceProviderRoutes(_ router: Router<APIRequestContext>) {
        router.get("/v2.0/service-providers") { request, context in
            _ = try context.requireAuth()
            let providers: [JSONObject] = [["service_type": "L3_ROUTER_NAT", "name": "ovn", "default": true]]
            return try Collections.respond("service_providers", providers, idKey: "name", request, context)
        }
    }
}
