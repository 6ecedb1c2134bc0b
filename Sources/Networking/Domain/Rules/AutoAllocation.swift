import OpenStackAPI

/// `auto-allocated-topology` ("get me a network") as Neutron builds it: a network `auto_allocated_network` with a
/// subnet from each default subnet pool, and a router `auto_allocated_router` from it to the default external network —
/// here decided as one change, so that a failed step leaves nothing behind.
extension NetworkingRules {
    /// The project a topology call is about: `None` is the caller's; another project's is admins' only.
    static func topologyProject(_ requested: String, _ auth: AuthContext) throws(NetworkingError) -> String {
        let project = requested == "None" ? auth.projectID ?? "" : requested
        guard auth.isAdmin || project == auth.projectID else { throw NetworkingError(.forbidden, "NotAuthorized", "Not authorized.") }
        return project
    }

    /// The project's topology network, built first when there is none.
    func autoAllocatedNetwork(for project: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<String> {
        if let existing = state.autoAllocated[project], state.networks[existing.networkID] != nil {
            return Decision(batch: Batch(), result: existing.networkID)
        }
        let external = try state.defaultExternalNetwork()
        var steps = ComposedChange(self)
        let owner = OwnerRequest(projectID: project)
        var subnets: [Subnet] = []
        let network: Network
        do {
            var request = NetworkCreate()
            request.owner = owner
            request.attributes.name = "auto_allocated_network"
            network = try steps.add { rules throws(NetworkingError) in try rules.quotaChecked(.network, rules.createNetwork(request, auth)) }
            for pool in state.defaultPools() {
                var subnet = SubnetCreate()
                subnet.owner = owner
                subnet.networkID = network.id
                subnet.name = "auto_allocated_subnet_v\(pool.ipVersion)"
                subnet.ipVersion = pool.ipVersion
                subnet.subnetPoolID = pool.id
                subnets.append(try steps.add { rules throws(NetworkingError) in try rules.quotaChecked(.subnet, rules.createSubnet(subnet, auth)) })
            }
        } catch where error.kind == .badRequest || error.kind == .notFound || error.type == "SubnetAllocationError" {
            throw Self.allocationFailure("Unable to provide tenant private network")
        }
        guard !subnets.isEmpty else { throw Self.allocationFailure("Unable to provide tenant private network") }
        do {
            var request = RouterCreate()
            request.owner = owner
            request.name = "auto_allocated_router"
            request.externalGateway = GatewayRequest(networkID: external)
            let router = try steps.add { rules throws(NetworkingError) in try rules.quotaChecked(.router, rules.createRouter(request, auth)) }
            for subnet in subnets {
                _ = try steps.add { rules throws(NetworkingError) in try rules.addInterface(router.id, InterfaceRequest(subnetID: subnet.id, portID: nil), auth) }
            }
            steps.batch.autoAllocated = [AutoAllocatedTopology(projectID: project, networkID: network.id, routerID: router.id)]
        } catch where error.kind == .badRequest {
            throw Self.allocationFailure("Unable to provide external connectivity")
        }
        return Decision(batch: steps.batch, result: network.id)
    }

    /// Takes the project's topology down: the router's interfaces, the router, the network (a resource already gone is
    /// skipped, as Neutron ignores NotFound); nothing when there is none.
    func deleteAutoAllocatedTopology(for project: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        guard let topology = state.autoAllocated[project] else { return Decision(batch: Batch(), result: ()) }
        var steps = ComposedChange(self)
        func unlessGone(_ step: (NetworkingRules) throws(NetworkingError) -> Batch) throws(NetworkingError) {
            do { _ = try steps.add { rules throws(NetworkingError) in Decision(batch: try step(rules), result: ()) } } catch where error.kind == .notFound {}
        }
        for subnet in state.subnetIDs[topology.networkID] ?? [] {
            try unlessGone { rules throws(NetworkingError) in try rules.removeInterface(topology.routerID, InterfaceRequest(subnetID: subnet, portID: nil), auth).batch }
        }
        try unlessGone { rules throws(NetworkingError) in try rules.deleteRouter(topology.routerID, auth).batch }
        try unlessGone { rules throws(NetworkingError) in try rules.deleteNetwork(topology.networkID, auth).batch }
        steps.batch.deletedAutoAllocated = [project]
        return Decision(batch: steps.batch, result: ())
    }

    static func allocationFailure(_ reason: String) -> NetworkingError {
        .conflict("AutoAllocationFailure", "Deployment error: \(reason).")
    }
}

extension NetworkingState {
    /// `fields=dry-run`: a default external network and at least one default subnet pool, else 409 `AutoAllocationFailure`.
    func checkAutoAllocationRequirements() throws(NetworkingError) {
        _ = try defaultExternalNetwork()
        if defaultPools().isEmpty { throw NetworkingRules.allocationFailure("No default subnetpools defined") }
    }

    /// The external network marked `is_default`.
    func defaultExternalNetwork() throws(NetworkingError) -> String {
        guard let n = networks.values.filter({ $0.external && $0.isDefault }).min(by: { $0.std.createdAt < $1.std.createdAt }) else {
            throw NetworkingRules.allocationFailure("No default router:external network")
        }
        return n.id
    }

    /// The default subnet pools, IPv4 first.
    func defaultPools() -> [SubnetPool] {
        subnetPools.values.filter(\.isDefault).sorted { $0.ipVersion < $1.ipVersion }
    }
}

/// Several rule decisions made one after another, each on the state the ones before it lead to, committed as one batch.
struct ComposedChange {
    private var rules: NetworkingRules
    /// What the steps so far write.
    var batch = Batch()

    init(_ rules: NetworkingRules) { self.rules = rules }

    /// Decides one more step; its writes join the batch.
    mutating func add<R>(_ step: (NetworkingRules) throws(NetworkingError) -> Decision<R>) throws(NetworkingError) -> R {
        let decision = try step(rules)
        batch.merge(decision.batch)
        rules = NetworkingRules(state: rules.state.applying(decision.batch), settings: rules.settings, ids: rules.ids,
                                gatewayChassis: rules.gatewayChassis)
        return decision.result
    }
}
