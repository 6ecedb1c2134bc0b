import Addressing
/// Every resource in memory with the indexes the API needs (ports per network, addresses in use,
/// MACs, VNIs). The store holds the same documents; `apply` changes both sides' view together.
struct NetworkingState: Sendable {
    private(set) var networks: [String: Network] = [:]
    private(set) var subnets: [String: Subnet] = [:]
    private(set) var ports: [String: Port] = [:]
    private(set) var groups: [String: SecurityGroup] = [:]
    private(set) var routers: [String: NetworkRouter] = [:]
    private(set) var floatingIPs: [String: FloatingIP] = [:]
    private(set) var subnetPools: [String: SubnetPool] = [:]
    private(set) var addressGroups: [String: AddressGroup] = [:]
    private(set) var rbacPolicies: [String: RBACPolicy] = [:]
    private(set) var addressScopes: [String: AddressScope] = [:]
    private(set) var portForwardings: [String: PortForwarding] = [:]
    private(set) var trunks: [String: Trunk] = [:]
    private(set) var qosPolicies: [String: QoSPolicy] = [:]
    private(set) var flavors: [String: ServiceFlavor] = [:]
    private(set) var serviceProfiles: [String: ServiceProfile] = [:]
    /// Port → the trunk it is the parent of, or a subport of.
    private(set) var trunkOfParent: [String: String] = [:]
    private(set) var trunkOfSubport: [String: String] = [:]
    /// Project → its auto-allocated topology.
    private(set) var autoAllocated: [String: AutoAllocatedTopology] = [:]
    /// Projects with limits of their own.
    private(set) var quotas: [String: ProjectQuota] = [:]

    /// Subnet ids of each network, oldest first.
    private(set) var subnetIDs: [String: [String]] = [:]
    private(set) var portIDs: [String: Set<String>] = [:]
    /// Address → port id, per subnet.
    private(set) var allocations: [String: [IPAddress: String]] = [:]
    /// MAC → port id.
    private(set) var macs: [String: String] = [:]
    /// Rule id → group id.
    private(set) var ruleGroups: [String: String] = [:]
    /// Project → its `default` group.
    private(set) var defaultGroups: [String: String] = [:]
    /// Geneve VNIs in use.
    private(set) var vnis: Set<Int> = []
    /// Ports per project (what the port quota counts, without a scan of every port on each create).
    private(set) var portCounts: [String: Int] = [:]
    /// The ports that are members of each security group.
    private(set) var groupPorts: [String: Set<String>] = [:]
    /// Object id → the ids of the RBAC policies on it.
    private(set) var objectPolicies: [String: Set<String>] = [:]

    /// The RBAC policies on a network or security group.
    func policies(on object: String) -> [RBACPolicy] { (objectPolicies[object] ?? []).compactMap { rbacPolicies[$0] } }

    func subnets(of network: String) -> [Subnet] { (subnetIDs[network] ?? []).compactMap { subnets[$0] } }
    func ports(of network: String) -> [Port] { (portIDs[network] ?? []).compactMap { ports[$0] } }
    func metadataPort(of network: String) -> Port? { ports(of: network).first { $0.isMetadata } }
    func group(ofRule id: String) -> SecurityGroup? { ruleGroups[id].flatMap { groups[$0] } }

    /// The interface ports of a router (not its gateway port).
    func interfaces(of router: String) -> [Port] {
        ports.values.filter { $0.deviceID == router && $0.deviceOwner == DeviceOwner.routerInterface }
    }

    /// A floating IP's port forwardings, by external port.
    func portForwardings(of floatingIP: String) -> [PortForwarding] {
        portForwardings.values.filter { $0.floatingIPID == floatingIP }.sorted { ($0.externalPort, $0.protocol) < ($1.externalPort, $1.protocol) }
    }

    /// Floating IPs associated with a port.
    func floatingIPs(of port: String) -> [FloatingIP] { floatingIPs.values.filter { $0.portID == port } }

    /// This state with a batch applied (to decide a later step of a composed change on).
    func applying(_ batch: Batch) -> NetworkingState {
        var next = self
        next.apply(batch)
        return next
    }

    mutating func apply(_ batch: Batch) {
        for id in batch.deletedPorts { removePort(id) }
        for id in batch.deletedSubnets { removeSubnet(id) }
        for id in batch.deletedNetworks { removeNetwork(id) }
        for id in batch.deletedGroups { removeGroup(id) }
        for id in batch.deletedRouters { routers[id] = nil }
        for id in batch.deletedFloatingIPs { floatingIPs[id] = nil }
        for id in batch.deletedQuotas { quotas[id] = nil }
        for id in batch.deletedSubnetPools { subnetPools[id] = nil }
        for p in batch.subnetPools { subnetPools[p.id] = p }
        for id in batch.deletedAddressGroups { addressGroups[id] = nil }
        for g in batch.addressGroups { addressGroups[g.id] = g }
        for id in batch.deletedFlavors { flavors[id] = nil }
        for f in batch.flavors { flavors[f.id] = f }
        for id in batch.deletedServiceProfiles { serviceProfiles[id] = nil }
        for p in batch.serviceProfiles { serviceProfiles[p.id] = p }
        for id in batch.deletedQoSPolicies { qosPolicies[id] = nil }
        for q in batch.qosPolicies { qosPolicies[q.id] = q }
        for id in batch.deletedTrunks { removeTrunk(id) }
        for t in batch.trunks { putTrunk(t) }
        for id in batch.deletedPortForwardings { portForwardings[id] = nil }
        for f in batch.portForwardings { portForwardings[f.id] = f }
        for id in batch.deletedAutoAllocated { autoAllocated[id] = nil }
        for t in batch.autoAllocated { autoAllocated[t.projectID] = t }
        for id in batch.deletedAddressScopes { addressScopes[id] = nil }
        for s in batch.addressScopes { addressScopes[s.id] = s }
        for id in batch.deletedRBACPolicies { removePolicy(id) }
        for p in batch.rbacPolicies { putPolicy(p) }
        for q in batch.quotas { quotas[q.projectID] = q }
        for r in batch.routers { routers[r.id] = r }
        for f in batch.floatingIPs { floatingIPs[f.id] = f }
        for n in batch.networks { putNetwork(n) }
        for s in batch.subnets { putSubnet(s) }
        for g in batch.groups { putGroup(g) }
        for p in batch.ports { putPort(p) }
    }

    private mutating func putNetwork(_ n: Network) {
        if let old = networks[n.id], old.networkType == "geneve", let vni = old.segmentationID { vnis.remove(vni) }
        networks[n.id] = n
        if n.networkType == "geneve", let vni = n.segmentationID { vnis.insert(vni) }
    }

    private mutating func removeNetwork(_ id: String) {
        guard let n = networks.removeValue(forKey: id) else { return }
        if n.networkType == "geneve", let vni = n.segmentationID { vnis.remove(vni) }
        subnetIDs[id] = nil
        portIDs[id] = nil
    }

    private mutating func putSubnet(_ s: Subnet) {
        if subnets[s.id] == nil { subnetIDs[s.networkID, default: []].append(s.id) }
        subnets[s.id] = s
    }

    private mutating func removeSubnet(_ id: String) {
        guard let s = subnets.removeValue(forKey: id) else { return }
        subnetIDs[s.networkID]?.removeAll { $0 == id }
        allocations[id] = nil
    }

    private mutating func putPort(_ p: Port) {
        removePort(p.id)
        ports[p.id] = p
        portIDs[p.networkID, default: []].insert(p.id)
        portCounts[p.projectID, default: 0] += 1
        macs[p.macAddress] = p.id
        for ip in p.fixedIPs {
            if let address = IPAddress(ip.ipAddress) { allocations[ip.subnetID, default: [:]][address] = p.id }
        }
        for g in p.securityGroups { groupPorts[g, default: []].insert(p.id) }
    }

    private mutating func removePort(_ id: String) {
        guard let p = ports.removeValue(forKey: id) else { return }
        portIDs[p.networkID]?.remove(id)
        portCounts[p.projectID]? -= 1
        if macs[p.macAddress] == id { macs[p.macAddress] = nil }
        for ip in p.fixedIPs {
            if let address = IPAddress(ip.ipAddress), allocations[ip.subnetID]?[address] == id { allocations[ip.subnetID]?[address] = nil }
        }
        for g in p.securityGroups { groupPorts[g]?.remove(id) }
    }

    private mutating func putTrunk(_ t: Trunk) {
        removeTrunk(t.id)
        trunks[t.id] = t
        trunkOfParent[t.portID] = t.id
        for s in t.subports { trunkOfSubport[s.portID] = t.id }
    }

    private mutating func removeTrunk(_ id: String) {
        guard let t = trunks.removeValue(forKey: id) else { return }
        trunkOfParent[t.portID] = nil
        for s in t.subports where trunkOfSubport[s.portID] == id { trunkOfSubport[s.portID] = nil }
    }

    private mutating func putPolicy(_ p: RBACPolicy) {
        rbacPolicies[p.id] = p
        objectPolicies[p.objectID, default: []].insert(p.id)
    }

    private mutating func removePolicy(_ id: String) {
        guard let p = rbacPolicies.removeValue(forKey: id) else { return }
        objectPolicies[p.objectID]?.remove(id)
        if objectPolicies[p.objectID]?.isEmpty == true { objectPolicies[p.objectID] = nil }
    }

    private mutating func putGroup(_ g: SecurityGroup) {
        removeGroup(g.id)
        groups[g.id] = g
        for r in g.rules { ruleGroups[r.id] = g.id }
        if g.name == "default" { defaultGroups[g.projectID] = g.id }
    }

    private mutating func removeGroup(_ id: String) {
        guard let g = groups.removeValue(forKey: id) else { return }
        for r in g.rules { ruleGroups[r.id] = nil }
        if defaultGroups[g.projectID] == id { defaultGroups[g.projectID] = nil }
    }
}
