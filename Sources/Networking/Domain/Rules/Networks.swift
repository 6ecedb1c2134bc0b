import OpenStackAPI

/// Networks: one segment each (geneve with a free VNI, or an admin's flat/VLAN provider segment), the metadata
/// localport, and the project's default security group on first use.
extension NetworkingRules {
    func createNetwork(_ r: NetworkCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<Network> {
        let project = try owningProject(r.owner, auth)
        if r.shared == true, !auth.isAdmin { throw .forbidden("create_network:shared") }
        if r.external == true, !auth.isAdmin { throw .forbidden("create_network:router:external") }
        let segment = try providerSegment(r, auth)
        let maxMTU = segment.type == "geneve" ? settings.geneveMTU : settings.underlayMTU
        let mtu = try checkedMTU(r.mtu, max: maxMTU) ?? maxMTU
        if let d = r.dnsDomain { try DNSNames.checkDomain(d) }
        var network = Network(
            id: ids.make(.network), projectID: project, name: r.name ?? "", adminStateUp: r.adminStateUp ?? true,
            shared: r.shared ?? false, external: r.external ?? false, portSecurityEnabled: r.portSecurityEnabled ?? true, mtu: mtu,
            networkType: segment.type, physicalNetwork: segment.physnet, segmentationID: segment.id, segmentID: ids.make(.segment),
            availabilityZoneHints: try checkedZoneHints(r.availabilityZoneHints), std: StandardAttributes(revision: 1, description: r.description ?? ""))
        network.dnsDomain = r.dnsDomain.flatMap { $0.isEmpty ? nil : $0 }
        if let v = r.isDefault { network.isDefault = try checkedDefault(v, network, auth, action: "create_network") }
        // Without one named, a network takes its project's default QoS policy (`qos-default`).
        network.qosPolicyID = r.qosPolicyID.isSent ? try checkedQoSPolicy(r.qosPolicyID.value, auth)
            : state.qosPolicies.values.first { $0.isDefault && $0.projectID == project }?.id
        var batch = Batch()
        batch.networks = [network]
        batch.rbacPolicies = wildcardPolicies(for: network, shared: network.shared, external: network.external)
        if let group = defaultGroupIfMissing(project) { batch.groups.append(group) }
        batch.ports.append(metadataPort(for: network))
        return Decision(batch: batch, result: network)
    }

    func updateNetwork(_ id: String, _ r: NetworkUpdate, _ auth: AuthContext) throws(NetworkingError) -> Decision<Network> {
        var n = try state.visibleNetwork(id, auth)
        guard state.owns(n.projectID, auth) else { throw .forbidden("update_network") }
        if r.shared != nil, !auth.isAdmin { throw .forbidden("update_network:shared") }
        if r.external != nil, !auth.isAdmin { throw .forbidden("update_network:router:external") }
        if let v = r.name { n.name = v }
        if let v = r.description { n.std.description = v }
        if let v = r.adminStateUp { n.adminStateUp = v }
        var batch = Batch()
        let policies = state.policies(on: id)
        if let v = r.shared, v != n.shared {
            let wildcard = policies.first { $0.action == .accessAsShared && $0.targetProject == RBACPolicy.wildcard }
            if v {
                batch.rbacPolicies += wildcardPolicies(for: n, shared: true, external: false)
            } else if let wildcard {
                do { try checkNotInUse(wildcard, replacedBy: nil) } catch {
                    throw .conflict("InvalidSharedSetting", "Unable to reconfigure sharing settings for network \(id). Multiple tenants are using it.")
                }
                batch.deletedRBACPolicies.append(wildcard.id)
            }
            n.shared = v
        }
        if let v = r.external, v != n.external {
            if v {
                batch.rbacPolicies += wildcardPolicies(for: n, shared: false, external: true)
            } else {
                if hasGatewayPorts(id) {
                    throw .conflict("ExternalNetworkInUse", "External network \(id) cannot be updated to be made non-external, since it has existing gateway ports.")
                }
                batch.deletedRBACPolicies += policies.filter { $0.action == .accessAsExternal }.map(\.id)
                n.isDefault = false
            }
            n.external = v
        }
        if let v = r.portSecurityEnabled { n.portSecurityEnabled = v }
        if let v = r.isDefault { n.isDefault = try checkedDefault(v, n, auth, action: "update_network") }
        if r.qosPolicyID.isSent { n.qosPolicyID = try checkedQoSPolicy(r.qosPolicyID.value, auth) }
        if let d = r.dnsDomain {
            try DNSNames.checkDomain(d)
            n.dnsDomain = d.isEmpty ? nil : d
        }
        if let mtu = try checkedMTU(r.mtu, max: n.networkType == "geneve" ? settings.geneveMTU : settings.underlayMTU) {
            // The network's subnets need their IP version's minimum MTU.
            if let minimum = state.subnets(of: id).map({ Self.minimumMTU(ipVersion: $0.ipVersion) }).max(), mtu < minimum {
                throw Self.mtuTooSmall(id, minimum)
            }
            n.mtu = mtu
        }
        n.std.bump()
        batch.networks = [n]
        // DHCP_Options carry the MTU.
        batch.subnets = state.subnets(of: id)
        return Decision(batch: batch, result: n)
    }

    func deleteNetwork(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        let n = try state.visibleNetwork(id, auth)
        guard state.owns(n.projectID, auth) else { throw .forbidden("delete_network") }
        let ports = state.ports(of: id)
        // Floating IPs of an external network go with it; any other port keeps it in use.
        let using = ports.filter { !DeviceOwner.isNetworkOwned($0.deviceOwner) && $0.deviceOwner != DeviceOwner.floatingIP }
        if !using.isEmpty { throw .networkInUse(id, ports: using.sorted { $0.std.createdAt < $1.std.createdAt }.map(\.id)) }
        var batch = Batch()
        batch.deletedPorts = ports.map(\.id)
        batch.deletedFloatingIPs = state.floatingIPs.values.filter { $0.networkID == id }.map(\.id)
        batch.deletedSubnets = state.subnetIDs[id] ?? []
        batch.deletedNetworks = [id]
        batch.deletedRBACPolicies = state.policies(on: id).map(\.id)
        batch.deletedAutoAllocated = state.autoAllocated.values.filter { $0.networkID == id }.map(\.projectID)
        return Decision(batch: batch, result: ())
    }

    /// `is_default` (admins only): one default external network at a time (409 `DefaultExternalNetworkExists`); on a
    /// network that is not external it is not kept.
    private func checkedDefault(_ value: Bool, _ n: Network, _ auth: AuthContext, action: String) throws(NetworkingError) -> Bool {
        guard auth.isAdmin else { throw .forbidden("\(action):is_default") }
        if value, let other = state.networks.values.first(where: { $0.isDefault && $0.external && $0.id != n.id }) {
            throw .conflict("DefaultExternalNetworkExists", "Default external network \(other.id) already exists.")
        }
        return value && n.external
    }

    private struct Segment {
        var type: String
        var physnet: String?
        var id: Int?
    }

    /// The segment of a new network: geneve with a free VNI unless an admin asks for a provider network.
    private func providerSegment(_ r: NetworkCreate, _ auth: AuthContext) throws(NetworkingError) -> Segment {
        let physnet = r.physicalNetwork, requestedID = r.segmentationID
        if r.networkType != nil || physnet != nil || requestedID != nil {
            guard auth.isAdmin else { throw .forbidden("create_network:provider:network_type") }
        }
        switch r.networkType ?? "geneve" {
        case "geneve":
            if physnet != nil { throw .invalidInput("physical_network not allowed for geneve provider network") }
            if let vni = requestedID {
                guard settings.vniRange.contains(vni) else {
                    throw .invalidInput("segmentation_id out of range (\(settings.vniRange.lowerBound) through \(settings.vniRange.upperBound))")
                }
                if state.vnis.contains(vni) {
                    throw .conflict("TunnelIdInUse", "Unable to create the network. The tunnel ID \(vni) is in use.")
                }
                return Segment(type: "geneve", id: vni)
            }
            return Segment(type: "geneve", id: try freeVNI())
        case "flat":
            guard let physnet else { throw .invalidInput("physical_network required for flat provider network") }
            guard settings.physicalNetworks.contains(physnet) else {
                throw .invalidInput("physical_network '\(physnet)' unknown for flat provider network")
            }
            if requestedID != nil { throw .invalidInput("segmentation_id not allowed for flat provider network") }
            if state.networks.values.contains(where: { $0.networkType == "flat" && $0.physicalNetwork == physnet }) {
                throw .conflict("FlatNetworkInUse", "Unable to create the flat network. Physical network \(physnet) is in use.")
            }
            return Segment(type: "flat", physnet: physnet)
        case "vlan":
            guard let physnet, settings.physicalNetworks.contains(physnet) else {
                throw .invalidInput("physical_network '\(physnet ?? "")' unknown for VLAN provider network")
            }
            guard let tag = requestedID, (1...4094).contains(tag) else {
                throw .invalidInput("segmentation_id out of range (1 through 4094)")
            }
            if state.networks.values.contains(where: { $0.networkType == "vlan" && $0.physicalNetwork == physnet && $0.segmentationID == tag }) {
                throw .conflict("VlanIdInUse", "Unable to create the network. The VLAN \(tag) on physical network \(physnet) is in use.")
            }
            return Segment(type: "vlan", physnet: physnet, id: tag)
        case let other:
            throw .invalidInput("network_type value '\(other)' not supported")
        }
    }

    /// A random free VNI (as Neutron's type driver picks), scanning when the range is nearly full.
    private func freeVNI() throws(NetworkingError) -> Int {
        let range = settings.vniRange
        for _ in 0..<32 {
            let vni = Int.random(in: range)
            if !state.vnis.contains(vni) { return vni }
        }
        guard let vni = range.first(where: { !state.vnis.contains($0) }) else {
            throw NetworkingError(.unavailable, "NoNetworkAvailable", "Unable to create the network. No tenant network is available for allocation.")
        }
        return vni
    }

    /// The smallest MTU a subnet of the IP version works with (IPv4's 68, IPv6's 1280).
    static func minimumMTU(ipVersion: Int) -> Int { ipVersion == 6 ? 1280 : 68 }

    /// `NetworkMTUSubnetConflict`: a subnet of the IP version needs at least `minimum`.
    static func mtuTooSmall(_ network: String, _ minimum: Int) -> NetworkingError {
        .conflict("NetworkMTUSubnetConflict", "MTU of \(network) is not valid, subnet requires a minimum of \(minimum)")
    }

    private func checkedMTU(_ mtu: Int?, max: Int) throws(NetworkingError) -> Int? {
        guard let mtu else { return nil }
        guard mtu >= 0 else { throw .invalidInput("'\(mtu)' is too small - must be at least '0'") }
        guard mtu <= max else { throw .invalidInput("Requested MTU is too big, maximum is \(max)") }
        return mtu
    }

    /// The network's OVN metadata port (`ovnmeta-<network>` localport); it gets an address on each DHCP subnet.
    func metadataPort(for n: Network) -> Port {
        Port(id: ids.make(.port), projectID: n.projectID, networkID: n.id, name: "", macAddress: Identifiers.uniqueMAC(in: state),
             adminStateUp: true, status: "DOWN", deviceID: OVNNames.metadataDevice(network: n.id), deviceOwner: DeviceOwner.distributed,
             fixedIPs: [], securityGroups: [], portSecurityEnabled: false, allowedAddressPairs: [], extraDHCPOpts: [], hostID: "",
             vnicType: "normal", profile: "{}", std: StandardAttributes(revision: 1))
    }
}
