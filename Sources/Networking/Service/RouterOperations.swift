import Addressing
import OpenStackAPI

/// `/v2.0/routers` with `add_router_interface`, `remove_router_interface` and the external gateway (OVN L3).
extension NetworkingCore {
    static let routerRules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "admin_state_up": .init(post: true, put: true), "description": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        "external_gateway_info": .init(post: true, put: true), "routes": .init(post: false, put: true),
        "availability_zone_hints": .init(post: true, put: false),
    ]

    func ownRouter(_ id: String, _ auth: AuthContext) throws(APIError) -> NetworkRouter {
        guard let r = state.routers[id], owns(r.projectID, auth) else {
            throw APIError(status: 404, message: "Router \(id) could not be found", type: "RouterNotFound")
        }
        return r
    }

    func renderRouter(_ r: NetworkRouter) -> JSONObject {
        var gateway: JSON = .null
        if let gw = r.gateway {
            let ips = state.ports[gw.portID]?.fixedIPs ?? []
            gateway = ["network_id": .string(gw.networkID), "enable_snat": .bool(gw.enableSNAT),
                       "external_fixed_ips": .array(ips.map { ["subnet_id": .string($0.subnetID), "ip_address": .string($0.ipAddress)] })]
        }
        var o: JSONObject = [
            "id": .string(r.id), "name": .string(r.name), "tenant_id": .string(r.projectID), "admin_state_up": .bool(r.adminStateUp),
            "status": "ACTIVE", "external_gateway_info": gateway, "availability_zones": [],
            "availability_zone_hints": .array(r.availabilityZoneHints.map(JSON.string)),
            "routes": .array(r.routes.map { ["destination": .string($0.destination), "nexthop": .string($0.nexthop)] }),
        ]
        Representation.standard(&o, r.std)
        o["project_id"] = .string(r.projectID)
        return o
    }

    public func listRouters(_ auth: AuthContext) -> [JSONObject] {
        state.routers.values.filter { owns($0.projectID, auth) }.map(renderRouter)
    }

    public func showRouter(_ id: String, _ auth: AuthContext) throws -> JSONObject { renderRouter(try ownRouter(id, auth)) }

    public func createRouter(_ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        let a = try Attributes(body, resource: "router", rules: Self.routerRules, create: true)
        let project = try owningProject(a, auth, resource: "router")
        var router = NetworkRouter(id: ids.make(.router), projectID: project, name: try a.string("name") ?? "",
                            adminStateUp: try a.bool("admin_state_up") ?? true, gateway: nil, routes: [],
                            availabilityZoneHints: try a.strings("availability_zone_hints") ?? [],
                            std: StandardAttributes(revision: 0, description: try a.string("description") ?? ""))
        var batch = Batch()
        if let info = a.value("external_gateway_info"), !info.isNull, info.object?.members.isEmpty != true {
            try setGateway(&router, info, auth, batch: &batch)
        }
        batch.routers.append(router)
        try await commit(batch)
        return renderRouter(router)
    }

    public func updateRouter(_ id: String, _ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        var r = try ownRouter(id, auth)
        let a = try Attributes(body, resource: "router", rules: Self.routerRules, create: false)
        var batch = Batch()
        if let v = try a.string("name") { r.name = v }
        if let v = try a.string("description") { r.std.description = v }
        if let v = try a.bool("admin_state_up") { r.adminStateUp = v }
        if let routes = try a.array("routes") { r.routes = try checkedRoutes(routes, router: r) }
        var steps = 1
        if let info = a.value("external_gateway_info") {
            if info.isNull || info.object?.members.isEmpty == true {
                if r.gateway != nil {
                    try clearGateway(&r, batch: &batch)
                    // Neutron's revision moves by four when the gateway goes (port, IPs, router, NAT updates).
                    steps = 4
                }
            } else {
                let before = r.gateway
                try setGateway(&r, info, auth, batch: &batch)
                // …and by three when one is set.
                if before == nil { steps = 3 }
            }
        }
        r.std.bump(steps)
        batch.routers.append(r)
        try await commit(batch)
        return renderRouter(r)
    }

    public func deleteRouter(_ id: String, _ auth: AuthContext) async throws {
        var r = try ownRouter(id, auth)
        if !state.interfaces(of: id).isEmpty {
            throw NeutronErrors.conflict("RouterInUse", "Router \(id) still has ports")
        }
        var batch = Batch()
        if r.gateway != nil { try clearGateway(&r, batch: &batch) }
        batch.deletedRouters = [id]
        try await commit(batch)
    }

    public func addInterface(_ id: String, _ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        let r = try ownRouter(id, auth)
        let subnetID = body["subnet_id"]?.string, portID = body["port_id"]?.string
        guard (subnetID == nil) != (portID == nil) else {
            throw NeutronErrors.badRequest("Bad router request: Either subnet_id or port_id must be specified.")
        }
        let attached = state.interfaces(of: id).flatMap(\.fixedIPs).compactMap { state.subnets[$0.subnetID] }
        var port: Port
        if let subnetID {
            let s = try visibleSubnet(subnetID, auth)
            guard let gateway = s.gatewayIP else {
                throw NeutronErrors.badRequest("Bad router request: Subnet for router interface must have a gateway IP.")
            }
            if attached.contains(where: { $0.id == s.id }) {
                throw NeutronErrors.badRequest("Bad router request: NetworkRouter already has a port on subnet \(s.id).")
            }
            try checkNoOverlap(s, attached, router: id)
            if let holder = state.allocations[s.id]?[IPAddress(gateway)!] {
                throw NeutronErrors.conflict("IpAddressAlreadyAllocated", "IP address \(gateway) already allocated in subnet \(s.id) by port \(holder)")
            }
            port = Port(id: ids.make(.port), projectID: r.projectID, networkID: s.networkID, name: "", macAddress: Identifiers.uniqueMAC(in: state),
                        adminStateUp: true, status: "ACTIVE", deviceID: id, deviceOwner: DeviceOwner.routerInterface,
                        fixedIPs: [.init(subnetID: s.id, ipAddress: gateway)], securityGroups: [], portSecurityEnabled: false,
                        allowedAddressPairs: [], extraDHCPOpts: [], hostID: "", vnicType: "normal", profile: "{}",
                        std: StandardAttributes(revision: 2))
        } else {
            port = try ownPort(portID!, auth)
            guard port.deviceOwner.isEmpty && port.deviceID.isEmpty else {
                throw NeutronErrors.conflict("PortInUse", "Unable to complete operation on port \(port.id) for network \(port.networkID). Port already has an attached device \(port.deviceID).")
            }
            guard !port.fixedIPs.isEmpty else {
                throw NeutronErrors.badRequest("Bad router request: NetworkRouter port must have at least one fixed IP.")
            }
            for ip in port.fixedIPs {
                guard let s = state.subnets[ip.subnetID] else { continue }
                if attached.contains(where: { $0.id == s.id }) {
                    throw NeutronErrors.badRequest("Bad router request: NetworkRouter already has a port on subnet \(s.id).")
                }
                try checkNoOverlap(s, attached, router: id)
            }
            port.deviceOwner = DeviceOwner.routerInterface
            port.deviceID = id
            port.securityGroups = []
            port.portSecurityEnabled = false
            port.status = "ACTIVE"
            port.std.bump()
        }
        // The router's own revision stays (as in ML2/OVN); its Logical_Router is re-synced for the new SNAT.
        var batch = Batch()
        batch.ports = [port]
        try await commit(batch)
        return interfaceInfo(r, port)
    }

    public func removeInterface(_ id: String, _ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        let r = try ownRouter(id, auth)
        let subnetID = body["subnet_id"]?.string, portID = body["port_id"]?.string
        guard subnetID != nil || portID != nil else {
            throw NeutronErrors.badRequest("Bad router request: Either subnet_id or port_id must be specified.")
        }
        let interfaces = state.interfaces(of: id)
        let port: Port
        if let portID {
            guard let p = interfaces.first(where: { $0.id == portID }) else {
                throw APIError(status: 404, message: "Router \(id) does not have an interface with id \(portID)", type: "RouterInterfaceNotFound")
            }
            port = p
        } else {
            guard let p = interfaces.first(where: { $0.fixedIPs.contains { $0.subnetID == subnetID } }) else {
                throw APIError(status: 404, message: "Router \(id) has no interface on subnet \(subnetID!)", type: "RouterInterfaceNotFoundForSubnet")
            }
            port = p
        }
        let subnets = Set(port.fixedIPs.map(\.subnetID))
        if let fip = state.floatingIPs.values.first(where: { f in
            f.routerID == id && f.portID.flatMap { state.ports[$0] }.map { $0.fixedIPs.contains { subnets.contains($0.subnetID) } } == true
        }) {
            throw NeutronErrors.conflict("RouterInterfaceInUseByFloatingIP",
                                         "Router interface for subnet \(subnets.sorted().joined(separator: ", ")) on router \(id) cannot be deleted, as it is required by one or more floating IPs (\(fip.id)).")
        }
        var batch = Batch()
        batch.deletedPorts = [port.id]
        try await commit(batch)
        return interfaceInfo(r, port)
    }

    private func interfaceInfo(_ r: NetworkRouter, _ p: Port) -> JSONObject {
        let subnets = p.fixedIPs.map(\.subnetID)
        return ["id": .string(r.id), "tenant_id": .string(r.projectID), "port_id": .string(p.id), "network_id": .string(p.networkID),
                "subnet_id": .optional(subnets.first), "subnet_ids": .array(subnets.map(JSON.string)), "project_id": .string(r.projectID)]
    }

    private func checkNoOverlap(_ s: Subnet, _ attached: [Subnet], router: String) throws(APIError) {
        if let other = attached.first(where: { $0.network.overlaps(s.network) }) {
            throw NeutronErrors.badRequest("Bad router request: Cidr \(s.cidr) of subnet \(s.id) overlaps with cidr \(other.cidr) of subnet \(other.id).")
        }
    }

    /// Sets (or changes) the external gateway: a `network:router_gateway` port on an external network.
    private func setGateway(_ r: inout NetworkRouter, _ info: JSON, _ auth: AuthContext, batch: inout Batch) throws(APIError) {
        guard let object = info.object, let networkID = object["network_id"]?.string else {
            throw NeutronErrors.badRequest("Invalid input for external_gateway_info. Reason: network_id is required.")
        }
        guard let network = state.networks[networkID], canSee(network, auth) else { throw NeutronErrors.notFound(.network, networkID) }
        guard network.external else {
            throw NeutronErrors.badRequest("Bad router request: Network \(networkID) is not a valid external network.")
        }
        if let snat = object["enable_snat"], snat.bool == nil { throw NeutronErrors.invalidInput("'\(snat.text)' is not a valid boolean value") }
        let enableSNAT = object["enable_snat"]?.bool ?? r.gateway?.enableSNAT ?? true
        if let existing = r.gateway, existing.networkID == networkID, object["external_fixed_ips"] == nil {
            r.gateway?.enableSNAT = enableSNAT
            return
        }
        if r.gateway != nil { try clearGateway(&r, batch: &batch) }
        var fixed: [Port.FixedIP] = []
        let subnets = state.subnets(of: networkID).filter { $0.ipVersion == 4 }
        if let requested = object["external_fixed_ips"]?.array, !requested.isEmpty {
            guard auth.isAdmin else { throw NeutronErrors.forbidden("update_router:external_gateway_info:external_fixed_ips") }
            for item in requested {
                let subnet = item["subnet_id"]?.string.flatMap { id in subnets.first { $0.id == id } }
                    ?? item["ip_address"]?.string.flatMap(IPAddress.init).flatMap { ip in subnets.first { $0.network.contains(ip) } }
                guard let s = subnet else { throw NeutronErrors.badRequest("Invalid input for external_gateway_info: bad external_fixed_ips entry.") }
                if let text = item["ip_address"]?.string, let ip = IPAddress(text) {
                    guard s.network.contains(ip) else { throw NeutronErrors.invalidIPForSubnet(text) }
                    if state.allocations[s.id]?[ip] != nil || text == s.gatewayIP { throw NeutronErrors.ipInUse(text, subnet: s.id) }
                    fixed.append(.init(subnetID: s.id, ipAddress: text))
                } else if let ip = IPAM.randomFree(s.poolRanges, used: state.allocations[s.id] ?? [:]) {
                    fixed.append(.init(subnetID: s.id, ipAddress: ip.description))
                }
            }
        } else {
            guard let s = subnets.first else {
                throw NeutronErrors.badRequest("Bad router request: No subnets defined on external network \(networkID).")
            }
            guard let ip = IPAM.randomFree(s.poolRanges, used: state.allocations[s.id] ?? [:]) else {
                throw NeutronErrors.poolExhausted(network: networkID)
            }
            fixed = [.init(subnetID: s.id, ipAddress: ip.description)]
        }
        let port = Port(id: ids.make(.port), projectID: "", networkID: networkID, name: "", macAddress: Identifiers.uniqueMAC(in: state),
                        adminStateUp: true, status: "ACTIVE", deviceID: r.id, deviceOwner: DeviceOwner.routerGateway, fixedIPs: fixed,
                        securityGroups: [], portSecurityEnabled: false, allowedAddressPairs: [], extraDHCPOpts: [], hostID: "",
                        vnicType: "normal", profile: "{}", std: StandardAttributes(revision: 1))
        let load = gatewayLoad()
        r.gateway = NetworkRouter.Gateway(networkID: networkID, portID: port.id, enableSNAT: enableSNAT,
                                   chassis: GatewayScheduler.schedule(nb.scheduler.candidates(), load: load))
        batch.ports.append(port)
    }

    private func clearGateway(_ r: inout NetworkRouter, batch: inout Batch) throws(APIError) {
        guard let gw = r.gateway else { return }
        if let fip = state.floatingIPs.values.first(where: { $0.routerID == r.id }) {
            throw NeutronErrors.conflict("RouterExternalGatewayInUseByFloatingIp",
                                         "Gateway cannot be updated for router \(r.id), since a gateway to external network \(gw.networkID) is required by one or more floating IPs (\(fip.id)).")
        }
        batch.deletedPorts.append(gw.portID)
        r.gateway = nil
    }

    /// Gateways each chassis carries at top priority.
    func gatewayLoad() -> [String: Int] {
        var load: [String: Int] = [:]
        for r in state.routers.values { if let first = r.gateway?.chassis.first { load[first, default: 0] += 1 } }
        return load
    }

    /// Moves gateways off chassis that left and onto ones that joined (called when the SB's chassis change).
    public func rebalanceGateways() async {
        let candidates = nb.scheduler.candidates()
        var batch = Batch()
        for r in state.routers.values {
            guard var gw = r.gateway else { continue }
            let next = GatewayScheduler.rebalance(gw.chassis, candidates: candidates, load: gatewayLoad())
            guard next != gw.chassis else { continue }
            gw.chassis = next
            var updated = r
            updated.gateway = gw
            batch.routers.append(updated)
        }
        guard !batch.routers.isEmpty else { return }
        do { try await commit(batch) } catch { logger.warning("gateway rebalance not saved", metadata: ["error": "\(error)"]) }
    }

    private func checkedRoutes(_ items: [JSON], router: NetworkRouter) throws(APIError) -> [NetworkRouter.Route] {
        let connected = state.interfaces(of: router.id).flatMap(\.fixedIPs).compactMap { state.subnets[$0.subnetID]?.network }
            + (router.gateway.flatMap { state.ports[$0.portID] }?.fixedIPs.compactMap { state.subnets[$0.subnetID]?.network } ?? [])
        var out: [NetworkRouter.Route] = []
        for item in items {
            guard let d = item["destination"]?.string, let dest = IPNetwork(d, strict: false), let h = item["nexthop"]?.string,
                  let hop = IPAddress(h) else {
                throw NeutronErrors.invalidInput("Invalid input for routes. Reason: '\(item.text)' is not a valid route")
            }
            guard connected.contains(where: { $0.contains(hop) }) else {
                throw APIError(status: 400, message: "Invalid format for routes: \(item.text), the nexthop is not connected with router", type: "InvalidRoutes")
            }
            let route = NetworkRouter.Route(destination: dest.description, nexthop: hop.description)
            if !out.contains(route) { out.append(route) }
        }
        return out
    }
}
