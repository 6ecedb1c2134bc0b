import Addressing
import OpenStackAPI

/// Floating IP port forwardings as Neutron's port forwarding plugin checks them: only on a floating IP not associated
/// with a port, to an IPv4 address of a port whose subnet a router joins to the floating IP's network (which becomes
/// the floating IP's router), one forwarding per external port and protocol, and per internal socket.
extension NetworkingRules {
    func createPortForwarding(_ fipID: String, _ r: PortForwardingRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<PortForwarding> {
        var fip = try state.ownFloatingIP(fipID, auth)
        for (name, value) in [("protocol", r.protocol as Any?), ("internal_port", r.internalPort), ("internal_port_id", r.internalPortID),
                              ("external_port", r.externalPort)] where value == nil {
            throw .badRequest("Failed to parse request. Required attribute '\(name)' not specified")
        }
        var forwarding = PortForwarding(id: ids.make(.portForwarding), floatingIPID: fipID, protocol: r.protocol!, internalIPAddress: "",
                                        internalPort: r.internalPort!, internalPortID: r.internalPortID!, externalPort: r.externalPort!,
                                        description: r.description ?? "")
        if let bound = state.floatingIPs(of: forwarding.internalPortID).first {
            throw .conflict("PortHasBindingFloatingIP",
                            "Cannot create port forwarding to floating IP \(fip.address) (\(fip.id)) with port \(forwarding.internalPortID) using fixed IP \(r.internalIPAddress ?? ""), as that port already has a binding floating IP \(bound.address).")
        }
        if fip.portID != nil {
            throw .conflict("FloatingIPPortAlreadyAssociated",
                            "Cannot associate floating IP \(fip.address) (\(fip.id)) with port \(forwarding.internalPortID) using fixed IP \(r.internalIPAddress ?? ""), as that fixed IP already has a floating IP on external network \(fip.networkID).")
        }
        let router = try routeForwarding(&forwarding, requestedIP: r.internalIPAddress, fip: fip, auth)
        try checkNoCollision(forwarding)
        var batch = Batch()
        if fip.routerID == nil {
            fip.routerID = router
            fip.std.bump()
            batch.floatingIPs = [fip]
        }
        batch.portForwardings = [forwarding]
        return Decision(batch: batch, result: forwarding)
    }

    func updatePortForwarding(_ fipID: String, _ id: String, _ r: PortForwardingRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<PortForwarding> {
        var forwarding = try state.visibleForwarding(fipID, id, auth)
        let fip = try state.ownFloatingIP(fipID, auth)
        if let v = r.protocol { forwarding.protocol = v }
        if let v = r.internalPort { forwarding.internalPort = v }
        if let v = r.externalPort { forwarding.externalPort = v }
        if let v = r.description { forwarding.description = v }
        if let port = r.internalPortID, port != forwarding.internalPortID {
            if state.floatingIPs(of: port).first != nil {
                throw .conflict("PortHasBindingFloatingIP",
                                "Cannot create port forwarding to floating IP \(fip.address) (\(fip.id)) with port \(port) using fixed IP \(r.internalIPAddress ?? ""), as that port already has a binding floating IP.")
            }
            forwarding.internalPortID = port
            _ = try routeForwarding(&forwarding, requestedIP: r.internalIPAddress, fip: fip, auth)
        } else if let ip = r.internalIPAddress {
            guard state.ports[forwarding.internalPortID]?.fixedIPs.contains(where: { $0.ipAddress == ip }) == true else {
                throw .badRequest("Bad port_forwarding request: The internal IP does not correspond to an address on the internal port, which has \(state.ports[forwarding.internalPortID]?.fixedIPs.map(\.ipAddress) ?? []).")
            }
            forwarding.internalIPAddress = ip
        }
        try checkNoCollision(forwarding)
        var batch = Batch()
        batch.portForwardings = [forwarding]
        return Decision(batch: batch, result: forwarding)
    }

    /// Removes a forwarding; with the floating IP's last one goes its router (it is free again).
    func deletePortForwarding(_ fipID: String, _ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        _ = try state.visibleForwarding(fipID, id, auth)
        var batch = Batch()
        batch.deletedPortForwardings = [id]
        if var fip = state.floatingIPs[fipID], fip.portID == nil, state.portForwardings(of: fipID).count == 1 {
            fip.routerID = nil
            fip.std.bump()
            batch.floatingIPs = [fip]
        }
        return Decision(batch: batch, result: ())
    }

    /// The forwardings to a port that goes, or to its addresses not in `keeping`, go too (as Neutron's plugin deletes
    /// them); a floating IP left with none is free again.
    func forwardingsGo(toPort port: String, _ batch: inout Batch, keeping: Set<String> = []) {
        let gone = state.portForwardings.values.filter { $0.internalPortID == port && !keeping.contains($0.internalIPAddress) }
        guard !gone.isEmpty else { return }
        let goneIDs = Set(gone.map(\.id))
        batch.deletedPortForwardings += gone.map(\.id)
        for fipID in Set(gone.map(\.floatingIPID)) where state.portForwardings(of: fipID).allSatisfy({ goneIDs.contains($0.id) }) {
            guard var fip = state.floatingIPs[fipID], fip.portID == nil else { continue }
            fip.routerID = nil
            fip.std.bump()
            batch.floatingIPs.append(fip)
        }
    }

    /// Chooses the internal address (the port's first IPv4 one unless asked) and the router that joins its subnet to the
    /// floating IP's network; the floating IP's router, if it has one, must be that one.
    private func routeForwarding(_ f: inout PortForwarding, requestedIP: String?, fip: FloatingIP, _ auth: AuthContext) throws(NetworkingError) -> String {
        let port = try state.visiblePort(f.internalPortID, auth)
        let v4 = port.fixedIPs.filter { IPAddress($0.ipAddress)?.version == 4 }
        guard let first = v4.first else {
            throw .badRequest("Bad port_forwarding request: Requested internal port \(port.id) must allocate an IPv4 address at least.")
        }
        let chosen: Port.FixedIP
        if let requestedIP {
            guard let match = v4.first(where: { IPAddress($0.ipAddress) == IPAddress(requestedIP) }) else {
                throw .badRequest("Bad port_forwarding request: Requested internal IP address \(requestedIP) is not suitable for internal neutron port \(port.id), as its fixed_ips are \(v4.map(\.ipAddress)).")
            }
            chosen = match
        } else {
            chosen = first
        }
        f.internalIPAddress = chosen.ipAddress
        guard let router = state.router(joining: chosen.subnetID, to: fip.networkID) else {
            throw .badRequest("Bad port_forwarding request: External network \(fip.networkID) is not reachable from subnet \(chosen.subnetID). Cannot set Port forwarding for port \(port.id) with Floating IP \(fip.id)")
        }
        if let current = fip.routerID, current != router.id {
            throw .badRequest("Bad port_forwarding request: The Floating IP \(fip.id) had been set on router \(current), the internal Neutron port \(port.id) can not reach it.")
        }
        return router.id
    }

    /// One forwarding per floating IP, protocol and external port; one per internal address, port and protocol.
    private func checkNoCollision(_ f: PortForwarding) throws(NetworkingError) {
        for other in state.portForwardings.values where other.id != f.id && other.protocol == f.protocol {
            if other.floatingIPID == f.floatingIPID, other.externalPort == f.externalPort {
                throw .badRequest("Bad port_forwarding request: A duplicate port forwarding entry with same attributes already exists, conflicting values are {'floatingip_id': '\(f.floatingIPID)', 'external_port': \(f.externalPort), 'protocol': '\(f.protocol)'}")
            }
            if other.internalPortID == f.internalPortID, other.internalIPAddress == f.internalIPAddress, other.internalPort == f.internalPort {
                throw .badRequest("Bad port_forwarding request: A duplicate port forwarding entry with same attributes already exists, conflicting values are {'internal_port_id': '\(f.internalPortID)', 'internal_ip_address': '\(f.internalIPAddress)', 'internal_port': \(f.internalPort), 'protocol': '\(f.protocol)'}")
            }
        }
    }
}

extension NetworkingState {
    /// A forwarding of the caller's floating IP, else 404 (`FloatingIPNotFound`, then `PortForwardingNotFound`).
    func visibleForwarding(_ fipID: String, _ id: String, _ auth: AuthContext) throws(NetworkingError) -> PortForwarding {
        _ = try ownFloatingIP(fipID, auth)
        guard let f = portForwardings[id], f.floatingIPID == fipID else {
            throw NetworkingError(.notFound, "PortForwardingNotFound", "Port Forwarding \(id) could not be found.")
        }
        return f
    }
}
