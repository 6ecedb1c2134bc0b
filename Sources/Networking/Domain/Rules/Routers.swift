import Addressing
import OpenStackAPI

/// Routers and their interfaces (OVN L3): an interface is a `network:router_interface` port on the subnet's gateway IP
/// (or a port handed over), the external gateway is in `RouterGateway`.
extension NetworkingRules {
    func createRouter(_ r: RouterCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<NetworkRouter> {
        let project = try owningProject(r.owner, auth)
        var router = NetworkRouter(id: ids.make(.router), projectID: project, name: r.name ?? "",
                                   adminStateUp: r.adminStateUp ?? true, gateway: nil, routes: [],
                                   availabilityZoneHints: try checkedZoneHints(r.availabilityZoneHints),
                                   std: StandardAttributes(revision: 0, description: r.description ?? ""))
        var batch = Batch()
        if let gateway = r.externalGateway { try setGateway(&router, gateway, auth, batch: &batch) }
        batch.routers.append(router)
        return Decision(batch: batch, result: router)
    }

    func updateRouter(_ id: String, _ r: RouterUpdate, _ auth: AuthContext) throws(NetworkingError) -> Decision<NetworkRouter> {
        var router = try state.ownRouter(id, auth)
        var batch = Batch()
        if let v = r.name { router.name = v }
        if let v = r.description { router.std.description = v }
        if let v = r.adminStateUp { router.adminStateUp = v }
        if let routes = r.routes { router.routes = try checkedRoutes(routes, router: router) }
        var steps = 1
        switch r.externalGateway {
        case .absent: break
        case .null:
            if router.gateway != nil {
                try clearGateway(&router, batch: &batch)
                // Neutron's revision moves by three when the gateway goes (port, IPs, router updates)…
                steps = 3
            }
        case .value(let gateway):
            let before = router.gateway
            try setGateway(&router, gateway, auth, batch: &batch)
            // …and by two when one is set (an interface added or removed moves it by one).
            if before == nil { steps = 2 }
        }
        router.std.bump(steps)
        batch.routers.append(router)
        return Decision(batch: batch, result: router)
    }

    func deleteRouter(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        var r = try state.ownRouter(id, auth)
        let interfaces = state.interfaces(of: id)
        if !interfaces.isEmpty {
            throw .conflict("RouterInUse", "Router \(id) has ports still attached: " + interfaces.map(\.id).joined(separator: ", "))
        }
        var batch = Batch()
        if r.gateway != nil { try clearGateway(&r, batch: &batch) }
        batch.deletedRouters = [id]
        return Decision(batch: batch, result: ())
    }

    /// `add_router_interface`: the router and the interface port.
    func addInterface(_ id: String, _ request: InterfaceRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<(NetworkRouter, Port)> {
        let r = try state.ownRouter(id, auth)
        try request.checkIDs()
        guard (request.subnetID == nil) != (request.portID == nil) else {
            throw .badRequest("Bad router request: Either subnet_id or port_id must be specified.")
        }
        let attached = state.interfaces(of: id).flatMap(\.fixedIPs).compactMap { state.subnets[$0.subnetID] }
        var port: Port
        if let subnetID = request.subnetID {
            let s = try state.visibleSubnet(subnetID, auth)
            guard let gateway = s.gatewayIP else {
                throw .badRequest("Bad router request: Subnet for router interface must have a gateway IP.")
            }
            if attached.contains(where: { $0.id == s.id }) {
                throw .badRequest("Bad router request: NetworkRouter already has a port on subnet \(s.id).")
            }
            try checkNoOverlap(s, attached)
            if let address = IPAddress(gateway), let holder = state.allocations[s.id]?[address] {
                throw .conflict("IpAddressAlreadyAllocated", "IP address \(gateway) already allocated in subnet \(s.id) by port \(holder)")
            }
            port = Port(id: ids.make(.port), projectID: r.projectID, networkID: s.networkID, name: "", macAddress: Identifiers.uniqueMAC(in: state),
                        adminStateUp: true, status: "ACTIVE", deviceID: id, deviceOwner: DeviceOwner.routerInterface,
                        fixedIPs: [.init(subnetID: s.id, ipAddress: gateway)], securityGroups: [], portSecurityEnabled: false,
                        allowedAddressPairs: [], extraDHCPOpts: [], hostID: "", vnicType: "normal", profile: "{}",
                        std: StandardAttributes(revision: 2))
        } else {
            port = try state.ownPort(request.portID!, auth)
            guard port.deviceOwner.isEmpty && port.deviceID.isEmpty else {
                throw .conflict("PortInUse", "Unable to complete operation on port \(port.id) for network \(port.networkID). Port already has an attached device \(port.deviceID).")
            }
            guard !port.fixedIPs.isEmpty else {
                throw .badRequest("Bad router request: NetworkRouter port must have at least one fixed IP.")
            }
            for ip in port.fixedIPs {
                guard let s = state.subnets[ip.subnetID] else { continue }
                if attached.contains(where: { $0.id == s.id }) {
                    throw .badRequest("Bad router request: NetworkRouter already has a port on subnet \(s.id).")
                }
                try checkNoOverlap(s, attached)
            }
            port.deviceOwner = DeviceOwner.routerInterface
            port.deviceID = id
            port.securityGroups = []
            port.portSecurityEnabled = false
            port.status = "ACTIVE"
            port.std.bump()
        }
        // The router's revision goes up once (as Neutron's API shows it); its Logical_Router is re-synced for the new SNAT.
        var router = r
        router.std.bumpForChild()
        var batch = Batch()
        batch.ports = [port]
        batch.routers = [router]
        return Decision(batch: batch, result: (router, port))
    }

    /// `remove_router_interface`: the router and the interface port that goes.
    func removeInterface(_ id: String, _ request: InterfaceRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<(NetworkRouter, Port)> {
        let r = try state.ownRouter(id, auth)
        try request.checkIDs()
        guard request.subnetID != nil || request.portID != nil else {
            throw .badRequest("Bad router request: Either subnet_id or port_id must be specified.")
        }
        let interfaces = state.interfaces(of: id)
        let port: Port
        if let portID = request.portID {
            guard let p = interfaces.first(where: { $0.id == portID }) else {
                throw NetworkingError(.notFound, "RouterInterfaceNotFound", "Router \(id) does not have an interface with id \(portID)")
            }
            port = p
        } else {
            let subnetID = request.subnetID!
            guard let p = interfaces.first(where: { $0.fixedIPs.contains { $0.subnetID == subnetID } }) else {
                throw NetworkingError(.notFound, "RouterInterfaceNotFoundForSubnet", "Router \(id) has no interface on subnet \(subnetID)")
            }
            port = p
        }
        let subnets = Set(port.fixedIPs.map(\.subnetID))
        if let fip = state.floatingIPs.values.first(where: { f in
            f.routerID == id && f.portID.flatMap { state.ports[$0] }.map { $0.fixedIPs.contains { subnets.contains($0.subnetID) } } == true
        }) {
            throw .conflict("RouterInterfaceInUseByFloatingIP",
                            "Router interface for subnet \(subnets.sorted().joined(separator: ", ")) on router \(id) cannot be deleted, as it is required by one or more floating IPs (\(fip.id)).")
        }
        // A floating IP's port forwardings to addresses on these subnets need the interface too.
        if let fip = state.floatingIPs.values.first(where: { f in
            f.routerID == id && state.portForwardings(of: f.id).contains { pf in
                state.ports[pf.internalPortID]?.fixedIPs.contains { $0.ipAddress == pf.internalIPAddress && subnets.contains($0.subnetID) } == true
            }
        }) {
            throw .conflict("RouterInterfaceInUseByFloatingIP",
                            "Router interface for subnet \(subnets.sorted().joined(separator: ", ")) on router \(id) cannot be deleted, as it is required by one or more floating IPs (\(fip.id)).")
        }
        // An extra route whose nexthop is only reachable through this interface keeps it (Neutron's extraroute check).
        for subnetID in subnets.sorted() {
            guard let net = state.subnets[subnetID]?.network else { continue }
            if r.routes.contains(where: { IPAddress($0.nexthop).map(net.contains) == true }) {
                throw .conflict("RouterInterfaceInUseByRoute",
                                "Router interface for subnet \(subnetID) on router \(id) cannot be deleted, as it is required by one or more routes.")
            }
        }
        var router = r
        router.std.bumpForChild()
        var batch = Batch()
        batch.deletedPorts = [port.id]
        batch.routers = [router]
        return Decision(batch: batch, result: (router, port))
    }

    private func checkNoOverlap(_ s: Subnet, _ attached: [Subnet]) throws(NetworkingError) {
        if let other = attached.first(where: { $0.network.overlaps(s.network) }) {
            throw .badRequest("Bad router request: Cidr \(s.cidr) of subnet \(s.id) overlaps with cidr \(other.cidr) of subnet \(other.id).")
        }
    }

    private func checkedRoutes(_ items: [RouteRequest], router: NetworkRouter) throws(NetworkingError) -> [NetworkRouter.Route] {
        let connected = state.interfaces(of: router.id).flatMap(\.fixedIPs).compactMap { state.subnets[$0.subnetID]?.network }
            + (router.gateway.flatMap { state.ports[$0.portID] }?.fixedIPs.compactMap { state.subnets[$0.subnetID]?.network } ?? [])
        var out: [NetworkRouter.Route] = []
        for item in items {
            let route = NetworkRouter.Route(destination: item.destination.description, nexthop: item.nexthop.description)
            guard connected.contains(where: { $0.contains(item.nexthop) }) else {
                throw NetworkingError(.badRequest, "InvalidRoutes",
                                      "Invalid format for routes: {'destination': '\(route.destination)', 'nexthop': '\(route.nexthop)'}, the nexthop is not connected with router")
            }
            if !out.contains(route) { out.append(route) }
        }
        return out
    }
}
