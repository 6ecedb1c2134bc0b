import Hummingbird
import OpenStackAPI

/// The Networking API v2.0: routes that decode a body into a typed request, ask the store to decide and
/// commit it, and render the answer from a snapshot of the state.
struct NetworkingAPI: Sendable {
    let store: NetworkingStore
    /// The OVN agents (none without a Southbound).
    let agents: AgentWatcher
    /// Each port's serialised JSON, for port lists.
    let portCache: RenderCache<Port>
    /// `dns_domain`, which ports' `dns_assignment` depends on.
    let dnsDomain: String

    init(store: NetworkingStore, agents: AgentWatcher, dnsDomain: String) {
        self.store = store
        self.agents = agents
        self.dnsDomain = dnsDomain
        portCache = RenderCache<Port>(render: { Representation.port($0, dnsDomain: dnsDomain) })
    }

    /// Every route, behind Neutron's error style and token authentication (the version documents are open).
    func router(validator: any TokenValidator) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: OpenStackMiddleware(style: .neutron))
        router.add(middleware: TokenAuthMiddleware(validator: validator) { request in
            let path = request.uri.path
            return path == "/" || path == "/v2.0" || path == "/v2.0/"
        })
        DiscoveryRoutes.register(router)
        ResourceRoutes(collection: "networks", member: "network", handlers: networks, revisioned: .networks).register(router)
        ResourceRoutes(collection: "subnets", member: "subnet", handlers: subnets, revisioned: .subnets).register(router)
        ResourceRoutes(collection: "ports", member: "port", handlers: ports, revisioned: .ports).register(router)
        registerPortBindingRoutes(router)
        ResourceRoutes(collection: "security-groups", member: "security_group", handlers: securityGroups, revisioned: .securityGroups).register(router)
        ResourceRoutes(collection: "security-group-rules", member: "security_group_rule", handlers: securityGroupRules).register(router)
        ResourceRoutes(collection: "subnetpools", member: "subnetpool", handlers: subnetPools, revisioned: .subnetPools).register(router)
        ResourceRoutes(collection: "address-groups", member: "address_group", handlers: addressGroups).register(router)
        registerAddressGroupActions(router)
        ResourceRoutes(collection: "rbac-policies", member: "rbac_policy", handlers: rbacPolicies).register(router)
        ResourceRoutes(collection: "address-scopes", member: "address_scope", handlers: addressScopes).register(router)
        registerAutoAllocationRoutes(router)
        registerPortForwardingRoutes(router)
        ResourceRoutes(collection: "trunks", member: "trunk", handlers: trunks).register(router)
        registerTrunkActions(router)
        ResourceRoutes(collection: "qos/policies", member: "policy", handlers: qosPolicies).register(router)
        registerQoSRuleRoutes(router)
        ResourceRoutes(collection: "flavors", member: "flavor", handlers: flavors).register(router)
        ResourceRoutes(collection: "service_profiles", member: "service_profile", handlers: serviceProfiles).register(router)
        registerFlavorAssociations(router)
        ResourceRoutes(collection: "routers", member: "router", handlers: routers, revisioned: .routers).register(router)
        registerInterfaceRoutes(router)
        ResourceRoutes(collection: "floatingips", member: "floatingip", handlers: floatingIPs, revisioned: .floatingIPs).register(router)
        TagRoutes(store: store).register(router)
        registerAvailabilityRoutes(router)
        registerAgentRoutes(router)
        registerQuotaRoutes(router)
        registerServiceProviderRoutes(router)
        return router
    }
}
