import Hummingbird
import OpenStackAPI

/// `/v2.0/service-providers` (`service-type`): the drivers configured for advanced services (`[service_providers]`).
/// Neutron Zed with ML2/OVN and the OVN L3 plugin has none (the `L3_ROUTER_NAT`/`ovn` provider came with router
/// flavors, later), and neither has this service: the list is empty, with Neutron's filters and fields.
extension NetworkingAPI {
    func registerServiceProviderRoutes(_ router: Router<APIRequestContext>) {
        router.get("/v2.0/service-providers") { request, context in
            _ = try context.requireAuth()
            return try Collections.respond("service_providers", [], idKey: "name", request, context)
        }
    }
}
