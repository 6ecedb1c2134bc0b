import OpenStackAPI

/// Ports: MAC, addresses (see `PortAddresses`), security groups with port security, address pairs,
/// DHCP options and the binding to a host.
extension NetworkingRules {
    func createPort(_ r: PortCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<Port> {
        guard let networkID = r.networkID else {
            throw .badRequest("Failed to parse request. Required attribute 'network_id' not specified")
        }
        let network = try state.visibleNetwork(networkID, auth)
        try checkNetworkOwnerRules(r.attributes, network, auth, action: "create_port")
        let project = try owningProject(r.owner, auth)
        var batch = Batch()
        var defaultGroup = state.defaultGroups[project]
        if defaultGroup == nil, let g = defaultGroupIfMissing(project) {
            batch.groups.append(g)
            defaultGroup = g.id
        }
        let mac: String
        if let text = r.macAddress {
            let m = try checkedMAC(text)
            if state.macs[m] != nil { throw .macInUse(m, network: networkID) }
            mac = m
        } else {
            mac = Identifiers.uniqueMAC(in: state)
        }
        let owner = r.deviceOwner ?? ""
        var port = Port(
            id: ids.make(.port), projectID: project, networkID: networkID, name: r.name ?? "", macAddress: mac,
            adminStateUp: r.adminStateUp ?? true, status: "DOWN", deviceID: r.deviceID ?? "",
            deviceOwner: owner, fixedIPs: [], securityGroups: [], portSecurityEnabled: r.portSecurityEnabled ?? network.portSecurityEnabled,
            allowedAddressPairs: [], extraDHCPOpts: [], hostID: r.hostID ?? "",
            vnicType: try checkedVNICType(r.vnicType) ?? "normal", profile: r.profile ?? "{}",
            std: StandardAttributes(revision: 1, description: r.description ?? ""))
        if let requests = r.fixedIPs {
            port.fixedIPs = try fixedIPs(requests, network: network, port: port)
        } else {
            port.fixedIPs = try defaultAddresses(network: network, mac: mac, deviceOwner: owner)
        }
        if let groups = r.securityGroups {
            port.securityGroups = try checkedGroups(groups, for: port.projectID, auth)
        } else if port.portSecurityEnabled, !owner.hasPrefix("network:") {
            port.securityGroups = defaultGroup.map { [$0] } ?? []
        }
        if !port.portSecurityEnabled, !port.securityGroups.isEmpty { throw Self.portSecurityRequired }
        port.allowedAddressPairs = try addressPairs(r.allowedAddressPairs, port: port) ?? []
        port.extraDHCPOpts = Self.merged([], r.extraDHCPOpts ?? [])
        port.numaAffinityPolicy = r.numaAffinityPolicy.value
        port.deviceProfile = r.deviceProfile
        try applyDNS(r.attributes, to: &port)
        port.qosPolicyID = try checkedQoSPolicy(r.qosPolicyID.value, auth)
        batch.ports.append(port)
        return Decision(batch: batch, result: port)
    }

    func updatePort(_ id: String, _ r: PortUpdate, _ auth: AuthContext) throws(NetworkingError) -> Decision<Port> {
        var p = try state.visiblePort(id, auth)
        let network = try state.visibleNetwork(p.networkID, auth)
        try checkNetworkOwnerRules(r, network, auth, action: "update_port")
        let groupsBefore = p.securityGroups
        if let v = r.name { p.name = v }
        if let v = r.description { p.std.description = v }
        if let v = r.adminStateUp { p.adminStateUp = v }
        if let v = r.deviceID { p.deviceID = v }
        if let v = r.deviceOwner { p.deviceOwner = v }
        if let v = r.hostID {
            // The port's binding moves there; a waiting binding already holds that host (ML2's key is port and host).
            if v != p.hostID, p.binding(on: v) != nil { throw Self.bindingExists(id, v) }
            p.hostID = v
        }
        if let v = try checkedVNICType(r.vnicType) { p.vnicType = v }
        if r.numaAffinityPolicy.isSent { p.numaAffinityPolicy = r.numaAffinityPolicy.value }
        if let v = r.profile { p.profile = v }
        try applyDNS(r, to: &p)
        if r.qosPolicyID.isSent { p.qosPolicyID = try checkedQoSPolicy(r.qosPolicyID.value, auth) }
        if r.regenerateMAC || r.macAddress.map({ $0.lowercased() != p.macAddress }) == true {
            let m = try r.macAddress.map(checkedMAC) ?? Identifiers.uniqueMAC(in: state)
            guard auth.isAdmin else { throw .forbidden("update_port:mac_address") }
            guard p.hostID.isEmpty else {
                throw .conflict("PortBound", "Unable to complete operation on port \(id), port is already bound, port type: ovs, old_mac \(p.macAddress), new_mac \(m).")
            }
            if state.macs[m] != nil { throw .macInUse(m, network: p.networkID) }
            p.macAddress = m
        }
        if let v = r.portSecurityEnabled { p.portSecurityEnabled = v }
        if let groups = r.securityGroups { p.securityGroups = try checkedGroups(groups, for: p.projectID, auth) }
        if !p.portSecurityEnabled, !p.securityGroups.isEmpty {
            throw r.portSecurityEnabled == false && r.securityGroups == nil ? Self.portHasGroups : Self.portSecurityRequired
        }
        if let requests = r.fixedIPs { p.fixedIPs = try fixedIPs(requests, network: network, port: p) }
        if let pairs = try addressPairs(r.allowedAddressPairs, port: p) { p.allowedAddressPairs = pairs }
        if !p.portSecurityEnabled, !p.allowedAddressPairs.isEmpty { throw Self.pairsNeedPortSecurity }
        if let changes = r.extraDHCPOpts { p.extraDHCPOpts = Self.merged(p.extraDHCPOpts, changes) }
        // Neutron bumps the revision once more when the security-group bindings change.
        p.std.bump(p.securityGroups == groupsBefore ? 1 : 2)
        var batch = Batch()
        batch.ports = [p] + subportsFollow(p)
        // Forwardings to an address the port no longer has go (Neutron's port forwarding plugin does so on update).
        forwardingsGo(toPort: id, &batch, keeping: Set(p.fixedIPs.map(\.ipAddress)))
        return Decision(batch: batch, result: p)
    }

    func deletePort(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        let p = try state.visiblePort(id, auth)
        if p.deviceOwner == DeviceOwner.routerInterface || p.deviceOwner == DeviceOwner.routerGateway {
            throw .conflict("L3PortInUse", "Port \(id) cannot be deleted directly via the port API: has device owner \(p.deviceOwner).")
        }
        if let trunk = state.trunkOfParent[id] {
            throw .conflict("PortInUseAsTrunkParent", "Port \(id) is currently a parent port for trunk \(trunk).")
        }
        if let trunk = state.trunkOfSubport[id] {
            throw .conflict("PortInUseAsSubPort", "Port \(id) is currently a subport for trunk \(trunk).")
        }
        var batch = Batch()
        batch.deletedPorts = [id]
        batch.floatingIPs = disassociated(from: [id])
        forwardingsGo(toPort: id, &batch)
        return Decision(batch: batch, result: ())
    }

    /// The port with the status OVN reports (`Logical_Switch_Port.up`); not a user change, so no revision bump.
    /// Nil when nothing changes.
    func portStatus(_ id: String, up: Bool) -> Batch? {
        guard var p = state.ports[id], !p.isMetadata else { return nil }
        let status = up ? "ACTIVE" : "DOWN"
        guard p.status != status else { return nil }
        p.status = status
        var batch = Batch()
        batch.ports = [p]
        return batch
    }

    /// The floating IPs of these ports, disassociated (their ports are going away).
    func disassociated(from ports: [String]) -> [FloatingIP] {
        state.floatingIPs.values.filter { $0.portID.map(ports.contains) == true }.map { f in
            var f = f
            f.portID = nil
            f.fixedIP = nil
            f.routerID = nil
            f.std.bump(2)
            return f
        }
    }

    /// A new port with groups but without port security (400).
    static let portSecurityRequired = NetworkingError(
        .badRequest, "PortSecurityAndIPRequiredForSecurityGroups",
        "Port security must be enabled and port must have an IP address in order to use security groups.")
    /// Port security turned off on a port that still has groups (409).
    static let portHasGroups = NetworkingError(
        .conflict, "PortSecurityPortHasSecurityGroup",
        "Port has security group associated. Cannot disable port security or ip address until security group is removed")
    static let pairsNeedPortSecurity = NetworkingError(
        .conflict, "AddressPairAndPortSecurityRequired", "Port Security must be enabled in order to have allowed address pairs on a port.")

    private func checkedMAC(_ text: String) throws(NetworkingError) -> String {
        guard let m = Identifiers.normalizedMAC(text) else {
            throw .invalidInput("Invalid input for mac_address. Reason: '\(text)' is not a valid MAC address")
        }
        return m
    }

    /// Neutron's `admin_or_network_owner` port attributes: on another project's (shared) network a port may not turn
    /// port security off nor carry allowed address pairs.
    private func checkNetworkOwnerRules(_ r: PortUpdate, _ network: Network, _ auth: AuthContext, action: String) throws(NetworkingError) {
        guard !auth.isAdmin, network.projectID != auth.projectID else { return }
        if r.portSecurityEnabled == false { throw .forbidden("\(action):port_security_enabled") }
        if r.allowedAddressPairs?.isEmpty == false { throw .forbidden("\(action):allowed_address_pairs") }
    }

    /// The groups of a port of `project`: each the project's own or shared with it (a network owner changing another
    /// project's port cannot put its own groups on it); admins may name any.
    private func checkedGroups(_ ids: [String], for project: String, _ auth: AuthContext) throws(NetworkingError) -> [String] {
        var out: [String] = [], stateful = Set<Bool>()
        for id in ids where !out.contains(id) {
            let g = try state.visibleGroup(id, auth)
            if !auth.isAdmin, g.projectID != project, !state.isShared(id, with: project) { throw .notFound(.securityGroup, id) }
            stateful.insert(g.stateful)
            out.append(id)
        }
        if stateful.count > 1 {
            throw .conflict("SecurityGroupConflict", "Error Cannot apply both stateful and stateless security groups on the same port at the same time while attempting the operation.")
        }
        return out
    }

    private func addressPairs(_ items: [AddressPairRequest]?, port: Port) throws(NetworkingError) -> [Port.AddressPair]? {
        guard let items else { return nil }
        if !items.isEmpty, !port.portSecurityEnabled { throw Self.pairsNeedPortSecurity }
        var out: [Port.AddressPair] = []
        for item in items {
            let pair = Port.AddressPair(ipAddress: item.ipAddress, macAddress: item.macAddress ?? port.macAddress)
            guard !out.contains(pair) else {
                throw .invalidInput("Invalid input for allowed_address_pairs. Reason: Duplicate address pair in the request")
            }
            out.append(pair)
        }
        return out
    }

    /// `binding:vnic_type`: OVN here binds only `normal` ports (no SR-IOV, no smart NICs).
    func checkedVNICType(_ v: String?, attribute: String = "binding:vnic_type") throws(NetworkingError) -> String? {
        guard let v else { return nil }
        guard v == "normal" else {
            throw .invalidInput("Invalid input for \(attribute). Reason: '\(v)' is not in ['normal']")
        }
        return v
    }

    /// `extra_dhcp_opts` after an update, as Neutron merges them: an option named again (same IP version) takes the new
    /// value, or goes with a null one; the others stay.
    static func merged(_ current: [Port.DHCPOption], _ changes: [DHCPOptionChange]) -> [Port.DHCPOption] {
        var out = current
        for c in changes {
            let index = out.firstIndex { $0.name == c.name && $0.ipVersion == c.ipVersion }
            switch (index, c.value) {
            case (let i?, let v?): out[i].value = v
            case (let i?, nil): out.remove(at: i)
            case (nil, let v?): out.append(.init(name: c.name, value: v, ipVersion: c.ipVersion))
            case (nil, nil): break
            }
        }
        return out
    }

    /// `dns_name` and `dns_domain` of a create or update, checked as Neutron checks them. With Neutron's default
    /// `dns_domain` they are checked but not kept, as Zed's `dns_integration` driver leaves the port without DNS data.
    private func applyDNS(_ r: PortUpdate, to p: inout Port) throws(NetworkingError) {
        let kept = DNSNames.usesNames(settings.dnsDomain)
        if let name = r.dnsName {
            try DNSNames.checkName(name, domain: settings.dnsDomain)
            p.dnsName = name.isEmpty || !kept ? nil : name
        }
        if let domain = r.dnsDomain {
            try DNSNames.checkDomain(domain)
            p.dnsDomain = domain.isEmpty || !kept ? nil : domain
        }
    }
}
