import Addressing
import OpenStackAPI

/// Floating IPs: an external address (held by a `network:floatingip` port) NATed to a port's fixed IP by the
/// router that has an interface on the port's subnet and its gateway on the floating IP's network.
extension NetworkingRules {
    func createFloatingIP(_ r: FloatingIPCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<FloatingIP> {
        guard let networkID = r.floatingNetworkID else {
            throw .badRequest("Failed to parse request. Required attribute 'floating_network_id' not specified")
        }
        let project = try owningProject(r.owner, auth)
        guard let network = state.networks[networkID], state.canSee(network, auth) else { throw .notFound(.network, networkID) }
        guard network.external else {
            throw .badRequest("Bad floatingip request: Network \(networkID) is not a valid external network.")
        }
        var subnets = state.subnets(of: networkID).filter { $0.ipVersion == 4 }
        if let subnetID = r.subnetID {
            subnets = subnets.filter { $0.id == subnetID }
            if subnets.isEmpty { throw .badRequest("Bad floatingip request: subnet \(subnetID) is not on network \(networkID).") }
        }
        // `subnet-service-types`: floating IPs come only from subnets that serve `network:floatingip`.
        subnets = try servingSubnets(subnets, deviceOwner: DeviceOwner.floatingIP, network: networkID)
        var fixed: Port.FixedIP
        if let text = r.floatingIPAddress {
            guard auth.isAdmin else { throw .forbidden("create_floatingip:floating_ip_address") }
            guard let ip = IPAddress(text) else { throw .invalidInput("Invalid input for floating_ip_address. Reason: '\(text)' is not a valid IP address") }
            guard let s = subnets.first(where: { $0.network.contains(ip) }) else { throw .invalidIPForSubnet(text) }
            if state.allocations[s.id]?[ip] != nil || text == s.gatewayIP { throw .ipInUse(text, subnet: s.id) }
            fixed = .init(subnetID: s.id, ipAddress: ip.description)
        } else {
            guard let pick = subnets.lazy.compactMap({ s in IPAM.randomFree(s.poolRanges, used: self.state.allocations[s.id] ?? [:]).map { (s, $0) } }).first else {
                throw .poolExhausted(network: networkID)
            }
            fixed = .init(subnetID: pick.0.id, ipAddress: pick.1.description)
        }
        let id = ids.make(.floatingIP)
        let holder = Port(id: ids.make(.port), projectID: "", networkID: networkID, name: "", macAddress: Identifiers.uniqueMAC(in: state),
                          adminStateUp: true, status: "N/A", deviceID: id, deviceOwner: DeviceOwner.floatingIP, fixedIPs: [fixed],
                          securityGroups: [], portSecurityEnabled: false, allowedAddressPairs: [], extraDHCPOpts: [], hostID: "",
                          vnicType: "normal", profile: "{}", std: StandardAttributes(revision: 1))
        var fip = FloatingIP(id: id, projectID: project, networkID: networkID, address: fixed.ipAddress, holderPortID: holder.id,
                             std: StandardAttributes(revision: 0, description: r.description ?? ""))
        if let portID = r.portID {
            try associate(&fip, port: portID, fixedIP: r.fixedIPAddress, auth)
            fip.std.bump()
        }
        var batch = Batch()
        batch.ports = [holder]
        batch.floatingIPs = [fip]
        return Decision(batch: batch, result: fip)
    }

    func updateFloatingIP(_ id: String, _ r: FloatingIPUpdate, _ auth: AuthContext) throws(NetworkingError) -> Decision<FloatingIP> {
        var f = try state.ownFloatingIP(id, auth)
        if let d = r.description { f.std.description = d }
        let statusBefore = f.status
        switch r.portID {
        case .absent: break
        case .value(let portID):
            if !state.portForwardings(of: id).isEmpty {
                throw .conflict("FipInUseByPortForwarding", "Floating IP \(id) in use by Port Forwarding resources.")
            }
            try associate(&f, port: portID, fixedIP: r.fixedIPAddress, auth)
        case .null:
            f.portID = nil
            f.fixedIP = nil
            // A floating IP with port forwardings keeps the router they go through.
            if state.portForwardings(of: id).isEmpty { f.routerID = nil }
        }
        // The status change (ACTIVE once the NAT rule is written, DOWN when it goes) is a revision of its own.
        f.std.bump(f.status == statusBefore ? 1 : 2)
        var batch = Batch()
        batch.floatingIPs = [f]
        return Decision(batch: batch, result: f)
    }

    func deleteFloatingIP(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        let f = try state.ownFloatingIP(id, auth)
        if !state.portForwardings(of: id).isEmpty {
            throw .conflict("FipInUseByPortForwarding", "Floating IP \(id) in use by Port Forwarding resources.")
        }
        var batch = Batch()
        batch.deletedFloatingIPs = [id]
        batch.deletedPorts = [f.holderPortID]
        return Decision(batch: batch, result: ())
    }

    /// Points a floating IP at a port's fixed IP through the router that joins them.
    private func associate(_ f: inout FloatingIP, port portID: String, fixedIP: String?, _ auth: AuthContext) throws(NetworkingError) {
        guard let port = state.ports[portID] else { throw .notFound(.port, portID) }
        // Neutron looks the port up as admin: another project's port is refused, not hidden.
        if port.projectID != f.projectID, !auth.isAdmin {
            throw .badRequest("Bad floatingip request: Cannot process floating IP association with Port \(portID), since that port is owned by a different project")
        }
        let candidates = port.fixedIPs.filter { IPAddress($0.ipAddress)?.version == 4 }
        guard !candidates.isEmpty else {
            throw .badRequest("Bad floatingip request: Port \(portID) does not have any IPv4 address.")
        }
        let chosen: Port.FixedIP
        if let fixedIP {
            guard let c = candidates.first(where: { $0.ipAddress == fixedIP }) else {
                throw .badRequest("Bad floatingip request: Port \(portID) does not have fixed ip \(fixedIP).")
            }
            chosen = c
        } else {
            guard candidates.count == 1 else {
                throw .badRequest("Bad floatingip request: Port \(portID) has multiple fixed IPv4 addresses. Must provide a specific IPv4 address when assigning a floating IP.")
            }
            chosen = candidates[0]
        }
        if let other = state.floatingIPs.values.first(where: { $0.id != f.id && $0.portID == portID && $0.fixedIP == chosen.ipAddress }) {
            throw .conflict("FloatingIPPortAlreadyAssociated",
                            "Cannot associate floating IP \(f.address) (\(f.id)) with port \(portID) using fixed IP \(chosen.ipAddress), as that fixed IP already has a floating IP on external network \(other.networkID).")
        }
        guard let router = state.router(joining: chosen.subnetID, to: f.networkID) else {
            throw NetworkingError(.notFound, "ExternalGatewayForFloatingIPNotFound",
                                  "External network \(f.networkID) is not reachable from subnet \(chosen.subnetID). Therefore, cannot associate Port \(portID) with a Floating IP.")
        }
        f.portID = portID
        f.fixedIP = chosen.ipAddress
        f.routerID = router.id
    }
}

extension NetworkingState {
    /// The router with an interface on `subnet` and its gateway on the external `network` (Neutron's
    /// `get_router_for_floatingip`), which floating IPs and port forwardings go through.
    func router(joining subnet: String, to network: String) -> NetworkRouter? {
        routers.values.first { r in
            r.gateway?.networkID == network && interfaces(of: r.id).contains { $0.fixedIPs.contains { $0.subnetID == subnet } }
        }
    }
}
