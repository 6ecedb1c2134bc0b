import OpenStackAPI

/// `/v2.0/networks`.
extension NetworkingCore {
    static let networkRules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "admin_state_up": .init(post: true, put: true), "shared": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        "router:external": .init(post: true, put: true), "mtu": .init(post: true, put: true),
        "port_security_enabled": .init(post: true, put: true), "description": .init(post: true, put: true),
        "provider:network_type": .init(post: true, put: false), "provider:physical_network": .init(post: true, put: false),
        "provider:segmentation_id": .init(post: true, put: false), "availability_zone_hints": .init(post: true, put: false),
    ]

    func render(_ n: Network, _ auth: AuthContext) -> JSONObject {
        Representation.network(n, subnets: state.subnetIDs[n.id] ?? [], admin: auth.isAdmin)
    }

    public func listNetworks(_ auth: AuthContext) -> [JSONObject] {
        state.networks.values.filter { canSee($0, auth) }.map { render($0, auth) }
    }

    public func showNetwork(_ id: String, _ auth: AuthContext) throws -> JSONObject {
        render(try visibleNetwork(id, auth), auth)
    }

    public func createNetwork(_ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        let a = try Attributes(body, resource: "network", rules: Self.networkRules, create: true)
        let project = try owningProject(a, auth, resource: "network")
        for admin in ["shared", "router:external"] where try a.bool(admin) == true {
            guard auth.isAdmin else { throw NeutronErrors.forbidden("create_network:\(admin)") }
        }
        let segment = try providerSegment(a, auth)
        let maxMTU = segment.type == "geneve" ? configuration.geneveMTU : configuration.underlayMTU
        let mtu = try requestedMTU(a, max: maxMTU) ?? maxMTU
        let id = ids.make(.network)
        let network = Network(
            id: id, projectID: project, name: try a.string("name") ?? "", adminStateUp: try a.bool("admin_state_up") ?? true,
            shared: try a.bool("shared") ?? false, external: try a.bool("router:external") ?? false,
            portSecurityEnabled: try a.bool("port_security_enabled") ?? true, mtu: mtu, networkType: segment.type,
            physicalNetwork: segment.physnet, segmentationID: segment.id, segmentID: ids.make(.segment),
            availabilityZoneHints: try a.strings("availability_zone_hints") ?? [],
            std: StandardAttributes(revision: 1, description: try a.string("description") ?? ""))
        var batch = Batch()
        batch.networks = [network]
        if let group = defaultGroupIfMissing(project) { batch.groups.append(group) }
        batch.ports.append(metadataPort(for: network))
        try await commit(batch)
        return render(network, auth)
    }

    public func updateNetwork(_ id: String, _ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        var n = try visibleNetwork(id, auth)
        let a = try Attributes(body, resource: "network", rules: Self.networkRules, create: false)
        guard owns(n.projectID, auth) else { throw NeutronErrors.forbidden("update_network") }
        for admin in ["shared", "router:external"] where a.has(admin) {
            guard auth.isAdmin else { throw NeutronErrors.forbidden("update_network:\(admin)") }
        }
        if let v = try a.string("name") { n.name = v }
        if let v = try a.string("description") { n.std.description = v }
        if let v = try a.bool("admin_state_up") { n.adminStateUp = v }
        if let v = try a.bool("shared") {
            if !v, n.shared, state.ports(of: id).contains(where: { $0.projectID != n.projectID && !$0.isMetadata }) {
                throw NeutronErrors.conflict("InvalidSharedSetting", "Unable to reconfigure sharing settings for network \(id). Multiple tenants are using it.")
            }
            n.shared = v
        }
        if let v = try a.bool("router:external") { n.external = v }
        if let v = try a.bool("port_security_enabled") { n.portSecurityEnabled = v }
        if let mtu = try requestedMTU(a, max: n.networkType == "geneve" ? configuration.geneveMTU : configuration.underlayMTU) { n.mtu = mtu }
        n.std.bump()
        var batch = Batch()
        batch.networks = [n]
        // DHCP_Options carry the MTU.
        batch.subnets = state.subnets(of: id)
        try await commit(batch)
        return render(n, auth)
    }

    public func deleteNetwork(_ id: String, _ auth: AuthContext) async throws {
        let n = try visibleNetwork(id, auth)
        guard owns(n.projectID, auth) else { throw NeutronErrors.forbidden("delete_network") }
        let ports = state.ports(of: id)
        // Floating IPs of an external network go with it; any other port keeps it in use.
        if ports.contains(where: { !DeviceOwner.isNetworkOwned($0.deviceOwner) && $0.deviceOwner != DeviceOwner.floatingIP }) {
            throw NeutronErrors.networkInUse(id)
        }
        var batch = Batch()
        batch.deletedPorts = ports.map(\.id)
        batch.deletedFloatingIPs = state.floatingIPs.values.filter { $0.networkID == id }.map(\.id)
        batch.deletedSubnets = state.subnetIDs[id] ?? []
        batch.deletedNetworks = [id]
        try await commit(batch)
    }

    private struct Segment {
        var type: String
        var physnet: String?
        var id: Int?
    }

    /// The segment of a new network: geneve with a free VNI unless an admin asks for a provider network.
    private func providerSegment(_ a: Attributes, _ auth: AuthContext) throws(APIError) -> Segment {
        let type = try a.string("provider:network_type"), physnet = try a.string("provider:physical_network", nullable: true)
        let requestedID = try a.int("provider:segmentation_id") ?? nil
        if type != nil || physnet != nil || requestedID != nil {
            guard auth.isAdmin else { throw NeutronErrors.forbidden("create_network:provider:network_type") }
        }
        switch type ?? "geneve" {
        case "geneve":
            if physnet != nil { throw NeutronErrors.invalidInput("physical_network not allowed for geneve provider network") }
            if let vni = requestedID {
                guard configuration.vniRange.contains(vni) else {
                    throw NeutronErrors.invalidInput("segmentation_id out of range (\(configuration.vniRange.lowerBound) through \(configuration.vniRange.upperBound))")
                }
                if state.vnis.contains(vni) {
                    throw NeutronErrors.conflict("TunnelIdInUse", "Unable to create the network. The tunnel ID \(vni) is in use.")
                }
                return Segment(type: "geneve", id: vni)
            }
            return Segment(type: "geneve", id: try freeVNI())
        case "flat":
            guard let physnet else { throw NeutronErrors.invalidInput("physical_network required for flat provider network") }
            guard configuration.physicalNetworks.contains(physnet) else {
                throw NeutronErrors.invalidInput("physical_network '\(physnet)' unknown for flat provider network")
            }
            if requestedID != nil { throw NeutronErrors.invalidInput("segmentation_id not allowed for flat provider network") }
            if state.networks.values.contains(where: { $0.networkType == "flat" && $0.physicalNetwork == physnet }) {
                throw NeutronErrors.conflict("FlatNetworkInUse", "Unable to create the flat network. Physical network \(physnet) is in use.")
            }
            return Segment(type: "flat", physnet: physnet)
        case "vlan":
            guard let physnet, configuration.physicalNetworks.contains(physnet) else {
                throw NeutronErrors.invalidInput("physical_network '\(physnet ?? "")' unknown for VLAN provider network")
            }
            guard let tag = requestedID, (1...4094).contains(tag) else {
                throw NeutronErrors.invalidInput("segmentation_id out of range (1 through 4094)")
            }
            if state.networks.values.contains(where: { $0.networkType == "vlan" && $0.physicalNetwork == physnet && $0.segmentationID == tag }) {
                throw NeutronErrors.conflict("VlanIdInUse", "Unable to create the network. The VLAN \(tag) on physical network \(physnet) is in use.")
            }
            return Segment(type: "vlan", physnet: physnet, id: tag)
        case let other:
            throw NeutronErrors.invalidInput("network_type value '\(other)' not supported")
        }
    }

    /// A random free VNI (as Neutron's type driver picks), scanning when the range is nearly full.
    private func freeVNI() throws(APIError) -> Int {
        let range = configuration.vniRange
        for _ in 0..<32 {
            let vni = Int.random(in: range)
            if !state.vnis.contains(vni) { return vni }
        }
        guard let vni = range.first(where: { !state.vnis.contains($0) }) else {
            throw APIError(status: 503, message: "Unable to create the network. No tenant network is available for allocation.",
                           type: "NoNetworkAvailable")
        }
        return vni
    }

    private func requestedMTU(_ a: Attributes, max: Int) throws(APIError) -> Int? {
        guard let mtu = try a.int("mtu") ?? nil else { return nil }
        guard mtu >= 68 else { throw NeutronErrors.invalidInput("'\(mtu)' is too small - must be at least '68'") }
        guard mtu <= max else { throw NeutronErrors.invalidInput("Requested MTU is too big, maximum is \(max)") }
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
