import Addressing
import OpenStackAPI

/// `/v2.0/floatingips`: an external address NATed to a port's fixed IP by the router that joins them.
extension NetworkingCore {
    static let floatingIPRules: [String: Attributes.Rule] = [
        "floating_network_id": .init(post: true, put: false), "floating_ip_address": .init(post: true, put: false),
        "subnet_id": .init(post: true, put: false), "port_id": .init(post: true, put: true),
        "fixed_ip_address": .init(post: true, put: true), "description": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]

    func ownFloatingIP(_ id: String, _ auth: AuthContext) throws(APIError) -> FloatingIP {
        guard let f = state.floatingIPs[id], owns(f.projectID, auth) else {
            throw APIError(status: 404, message: "Floating IP \(id) could not be found", type: "FloatingIPNotFound")
        }
        return f
    }

    func renderFloatingIP(_ f: FloatingIP) -> JSONObject {
        var details: JSON = .null
        if let p = f.portID.flatMap({ state.ports[$0] }) {
            details = ["name": .string(p.name), "network_id": .string(p.networkID), "mac_address": .string(p.macAddress),
                       "admin_state_up": .bool(p.adminStateUp), "status": .string(p.status), "device_id": .string(p.deviceID),
                       "device_owner": .string(p.deviceOwner)]
        }
        var o: JSONObject = [
            "id": .string(f.id), "tenant_id": .string(f.projectID), "floating_ip_address": .string(f.address),
            "floating_network_id": .string(f.networkID), "router_id": .optional(f.routerID), "port_id": .optional(f.portID),
            "fixed_ip_address": .optional(f.fixedIP), "status": .string(f.status), "project_id": .string(f.projectID),
            "port_details": details,
        ]
        Representation.standard(&o, f.std)
        return o
    }

    public func listFloatingIPs(_ auth: AuthContext) -> [JSONObject] {
        state.floatingIPs.values.filter { owns($0.projectID, auth) }.map(renderFloatingIP)
    }

    public func showFloatingIP(_ id: String, _ auth: AuthContext) throws -> JSONObject { renderFloatingIP(try ownFloatingIP(id, auth)) }

    public func createFloatingIP(_ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        let a = try Attributes(body, resource: "floatingip", rules: Self.floatingIPRules, create: true)
        guard let networkID = try a.string("floating_network_id") else {
            throw NeutronErrors.badRequest("Failed to parse request. Required attribute 'floating_network_id' not specified")
        }
        let project = try owningProject(a, auth, resource: "floatingip")
        guard let network = state.networks[networkID], canSee(network, auth) else { throw NeutronErrors.notFound(.network, networkID) }
        guard network.external else {
            throw NeutronErrors.badRequest("Bad floatingip request: Network \(networkID) is not a valid external network.")
        }
        var subnets = state.subnets(of: networkID).filter { $0.ipVersion == 4 }
        if let subnetID = try a.string("subnet_id") {
            subnets = subnets.filter { $0.id == subnetID }
            if subnets.isEmpty { throw NeutronErrors.badRequest("Bad floatingip request: subnet \(subnetID) is not on network \(networkID).") }
        }
        var fixed: Port.FixedIP
        if let text = try a.string("floating_ip_address") {
            guard auth.isAdmin else { throw NeutronErrors.forbidden("create_floatingip:floating_ip_address") }
            guard let ip = IPAddress(text) else { throw NeutronErrors.invalidInput("Invalid input for floating_ip_address. Reason: '\(text)' is not a valid IP address") }
            guard let s = subnets.first(where: { $0.network.contains(ip) }) else { throw NeutronErrors.invalidIPForSubnet(text) }
            if state.allocations[s.id]?[ip] != nil || text == s.gatewayIP { throw NeutronErrors.ipInUse(text, subnet: s.id) }
            fixed = .init(subnetID: s.id, ipAddress: ip.description)
        } else {
            guard let pick = subnets.lazy.compactMap({ s in IPAM.randomFree(s.poolRanges, used: self.state.allocations[s.id] ?? [:]).map { (s, $0) } }).first else {
                throw NeutronErrors.poolExhausted(network: networkID)
            }
            fixed = .init(subnetID: pick.0.id, ipAddress: pick.1.description)
        }
        let id = ids.make(.floatingIP)
        let holder = Port(id: ids.make(.port), projectID: "", networkID: networkID, name: "", macAddress: Identifiers.uniqueMAC(in: state),
                          adminStateUp: true, status: "N/A", deviceID: id, deviceOwner: DeviceOwner.floatingIP, fixedIPs: [fixed],
                          securityGroups: [], portSecurityEnabled: false, allowedAddressPairs: [], extraDHCPOpts: [], hostID: "",
                          vnicType: "normal", profile: "{}", std: StandardAttributes(revision: 1))
        var fip = FloatingIP(id: id, projectID: project, networkID: networkID, address: fixed.ipAddress, holderPortID: holder.id,
                             std: StandardAttributes(revision: 0, description: try a.string("description") ?? ""))
        if let portID = try a.string("port_id", nullable: true) {
            try associate(&fip, port: portID, fixedIP: try a.string("fixed_ip_address", nullable: true), auth)
            fip.std.bump()
        }
        var batch = Batch()
        batch.ports = [holder]
        batch.floatingIPs = [fip]
        try await commit(batch)
        return renderFloatingIP(fip)
    }

    public func updateFloatingIP(_ id: String, _ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        var f = try ownFloatingIP(id, auth)
        let a = try Attributes(body, resource: "floatingip", rules: Self.floatingIPRules, create: false)
        if let d = try a.string("description") { f.std.description = d }
        let statusBefore = f.status
        if a.has("port_id") {
            if let portID = try a.string("port_id", nullable: true) {
                try associate(&f, port: portID, fixedIP: try a.string("fixed_ip_address", nullable: true), auth)
            } else {
                f.portID = nil
                f.fixedIP = nil
                f.routerID = nil
            }
        }
        // The status change (ACTIVE once the NAT rule is written, DOWN when it goes) is a revision of its own.
        f.std.bump(f.status == statusBefore ? 1 : 2)
        var batch = Batch()
        batch.floatingIPs = [f]
        try await commit(batch)
        return renderFloatingIP(f)
    }

    public func deleteFloatingIP(_ id: String, _ auth: AuthContext) async throws {
        let f = try ownFloatingIP(id, auth)
        var batch = Batch()
        batch.deletedFloatingIPs = [id]
        batch.deletedPorts = [f.holderPortID]
        try await commit(batch)
    }

    /// Points a floating IP at a port's fixed IP through the router that has an interface on the
    /// port's subnet and its gateway on the floating IP's network.
    private func associate(_ f: inout FloatingIP, port portID: String, fixedIP: String?, _ auth: AuthContext) throws(APIError) {
        let port = try ownPort(portID, auth)
        let candidates = port.fixedIPs.filter { IPAddress($0.ipAddress)?.version == 4 }
        guard !candidates.isEmpty else {
            throw NeutronErrors.badRequest("Bad floatingip request: Port \(portID) does not have any IPv4 address.")
        }
        let chosen: Port.FixedIP
        if let fixedIP {
            guard let c = candidates.first(where: { $0.ipAddress == fixedIP }) else {
                throw NeutronErrors.badRequest("Bad floatingip request: Port \(portID) does not have fixed ip \(fixedIP).")
            }
            chosen = c
        } else {
            guard candidates.count == 1 else {
                throw NeutronErrors.badRequest("Bad floatingip request: Port \(portID) has multiple fixed IPv4 addresses. Must provide a specific IPv4 address when assigning a floating IP.")
            }
            chosen = candidates[0]
        }
        if let other = state.floatingIPs.values.first(where: { $0.id != f.id && $0.portID == portID && $0.fixedIP == chosen.ipAddress }) {
            throw NeutronErrors.conflict("FloatingIPPortAlreadyAssociated",
                                         "Cannot associate floating IP \(f.address) (\(f.id)) with port \(portID) using fixed IP \(chosen.ipAddress), as that fixed IP already has a floating IP on external network \(other.networkID).")
        }
        let router = state.routers.values.first { r in
            r.gateway?.networkID == f.networkID && state.interfaces(of: r.id).contains { $0.fixedIPs.contains { $0.subnetID == chosen.subnetID } }
        }
        guard let router else {
            throw APIError(status: 404, message: "External network \(f.networkID) is not reachable from subnet \(chosen.subnetID). Therefore, cannot associate Port \(portID) with a Floating IP.",
                           type: "ExternalGatewayForFloatingIPNotFound")
        }
        f.portID = portID
        f.fixedIP = chosen.ipAddress
        f.routerID = router.id
    }
}
