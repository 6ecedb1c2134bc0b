/// Which Northbound intents a committed batch calls for, and the whole desired Northbound for a repair pass:
/// the changed resources' rows, plus the rows of resources they touch (a port's router, a floating IP's
/// old and new port and router).
enum NBChanges {
    /// What a batch replaces, read from the state before the batch is applied.
    struct Replaced {
        /// Ports the batch deletes.
        var removedPorts: [Port]
        /// The previous versions of updated and deleted ports (their old routers need a sync too).
        var ports: [Port]
        /// The previous versions of updated and deleted floating IPs.
        var floatingIPs: [FloatingIP]
        /// The port forwardings the batch deletes.
        var portForwardings: [PortForwarding]

        init(_ batch: Batch, in state: NetworkingState) {
            removedPorts = batch.deletedPorts.compactMap { state.ports[$0] }
            ports = batch.ports.compactMap { state.ports[$0.id] } + removedPorts
            floatingIPs = (batch.floatingIPs.map(\.id) + batch.deletedFloatingIPs).compactMap { state.floatingIPs[$0] }
            portForwardings = batch.deletedPortForwardings.compactMap { state.portForwardings[$0] }
        }
    }

    /// The intents of what a batch changed, on the state after it was applied.
    static func intents(for batch: Batch, replacing replaced: Replaced, in state: NetworkingState, translation: NBTranslation) -> [NBIntent] {
        var out: [NBIntent] = []
        out += batch.deletedNetworks.map { .removeSwitch(name: OVNNames.logicalSwitch(network: $0)) }
        out += replaced.removedPorts.filter { !batch.deletedNetworks.contains($0.networkID) }.map { .removeSwitchPort(name: $0.id) }
        out += replaced.removedPorts.filter(\.isRouterPort).map { .removeRouterPort(name: OVNNames.routerPort(port: $0.id)) }
        out += batch.deletedSubnets.map { .removeDHCPOptions(subnetID: $0) }
        out += batch.deletedGroups.map { .removePortGroup(name: OVNNames.portGroup(securityGroup: $0)) }
        out += batch.deletedRouters.map { .removeRouter(name: OVNNames.logicalRouter(router: $0)) }
        out += batch.deletedRouters.map { .portForwardingBalancers(router: OVNNames.logicalRouter(router: $0), []) }
        out += batch.deletedAddressGroups.flatMap(NBTranslation.removeAddressGroup)
        for g in batch.addressGroups { out += translation.addressGroup(g) }
        for g in batch.groups { out.append(translation.group(g)) }
        for n in batch.networks { out += translation.network(n) }
        for s in batch.subnets { if let intent = subnet(s.id, state, translation) { out.append(intent) } }
        let fips = batch.floatingIPs + replaced.floatingIPs
        var ports = batch.ports.map(\.id)
        for p in fips.compactMap(\.portID) where !ports.contains(p) { ports.append(p) }
        // Ports with their own DHCP options copy their subnet's: a changed subnet or network (MTU) changes them too.
        let changedNetworks = Set(batch.networks.map(\.id)), changedSubnets = Set(batch.subnets.map(\.id))
        if !changedNetworks.isEmpty || !changedSubnets.isEmpty {
            for p in state.ports.values where !p.extraDHCPOpts.isEmpty && !ports.contains(p.id)
                && (changedNetworks.contains(p.networkID) || p.fixedIPs.contains { changedSubnets.contains($0.subnetID) }) {
                ports.append(p.id)
            }
        }
        for p in ports { if let intent = port(p, state, translation) { out.append(intent) } }
        // A network's DNS row holds the names of all its ports: rebuilt when one of them (or the network) changed.
        var dnsNetworks = Set(batch.networks.map(\.id))
        for p in batch.ports + replaced.ports where !(p.dnsName ?? "").isEmpty { dnsNetworks.insert(p.networkID) }
        for id in dnsNetworks.subtracting(batch.deletedNetworks).sorted() {
            if let n = state.networks[id] { out.append(translation.dns(n, ports: state.ports(of: id))) }
        }
        out += batch.deletedNetworks.map { .removeDNS(switchName: OVNNames.logicalSwitch(network: $0)) }
        // A network's QoS rows follow its ports' policies: rebuilt when the network, a policy in use or a port that has
        // (or had) one changed — not for every port change, which would scan the network's ports on each port create.
        var qosNetworks = Set(batch.networks.map(\.id))
        for p in batch.ports where state.effectiveQoSPolicy(of: p) != nil { qosNetworks.insert(p.networkID) }
        for p in replaced.ports where p.qosPolicyID != nil || state.networks[p.networkID]?.qosPolicyID != nil { qosNetworks.insert(p.networkID) }
        let changedPolicies = Set(batch.qosPolicies.map(\.id))
        if !changedPolicies.isEmpty {
            for n in state.networks.values where n.qosPolicyID.map(changedPolicies.contains) == true { qosNetworks.insert(n.id) }
            for p in state.ports.values where p.qosPolicyID.map(changedPolicies.contains) == true { qosNetworks.insert(p.networkID) }
        }
        for id in qosNetworks.subtracting(batch.deletedNetworks).sorted() where state.networks[id] != nil { out.append(qos(id, state, translation)) }
        var routers = batch.routers.map(\.id)
        // A router port's advertisements carry its network's MTU.
        if !changedNetworks.isEmpty {
            for p in state.ports.values where p.isRouterPort && changedNetworks.contains(p.networkID) && !routers.contains(p.deviceID) {
                routers.append(p.deviceID)
            }
        }
        // A forwarding changes its floating IP's router (the one it had, when the batch also frees it).
        let forwardedFIPs = (batch.portForwardings + replaced.portForwardings).map(\.floatingIPID)
        let forwardingRouters = forwardedFIPs.compactMap { state.floatingIPs[$0]?.routerID }
        let touched = (batch.ports + replaced.ports).filter(\.isRouterPort).map(\.deviceID) + fips.compactMap(\.routerID) + forwardingRouters
        // Once each: a router named twice (a floating IP moving between two of its ports) would get its new NAT rule twice.
        for r in touched where !routers.contains(r) { routers.append(r) }
        for r in routers { out += router(r, state, translation) }
        return out
    }

    /// The whole desired Northbound.
    static func allIntents(_ state: NetworkingState, translation: NBTranslation) -> [NBIntent] {
        var out = [NBTranslation.dropGroup]
        out += state.addressGroups.values.flatMap { translation.addressGroup($0) }
        out += state.groups.values.map { translation.group($0) }
        out += state.networks.values.flatMap { translation.network($0) }
        // Only networks with records: a DNS row no network wants is an orphan the repair pass removes.
        out += state.networks.values.map { translation.dns($0, ports: state.ports(of: $0.id)) }.filter {
            if case .dns = $0 { return true }
            return false
        }
        out += state.subnets.keys.compactMap { subnet($0, state, translation) }
        out += state.networks.keys.map { qos($0, state, translation) }
        out += state.ports.keys.compactMap { port($0, state, translation) }
        out += state.routers.keys.flatMap { router($0, state, translation) }
        return out
    }

    private static func port(_ id: String, _ state: NetworkingState, _ translation: NBTranslation) -> NBIntent? {
        guard let p = state.ports[id], p.deviceOwner != DeviceOwner.floatingIP, let n = state.networks[p.networkID] else { return nil }
        let metadata = state.metadataPort(of: n.id)
        return translation.port(p, network: n, subnets: state.subnets, floatingIP: state.floatingIPs(of: id).first?.address,
                                trunkChild: state.trunkChild(id)) { subnet in
            metadata?.fixedIPs.first { $0.subnetID == subnet }?.ipAddress
        }
    }

    /// A router's Logical_Router (with routes and NAT) and its router ports.
    private static func router(_ id: String, _ state: NetworkingState, _ translation: NBTranslation) -> [NBIntent] {
        guard let r = state.routers[id] else { return [] }
        let interfaces = state.interfaces(of: id)
        let gatewayPort = r.gateway.flatMap { state.ports[$0.portID] }
        let gatewaySubnets = gatewayPort?.fixedIPs.compactMap { state.subnets[$0.subnetID] } ?? []
        let fips = state.floatingIPs.values.filter { $0.routerID == id }.sorted { $0.id < $1.id }.map { ($0, state.ports[$0.holderPortID]) }
        var out = [translation.router(r, gatewayPort: gatewayPort, gatewaySubnets: gatewaySubnets,
                                      interfaceSubnets: interfaces.flatMap(\.fixedIPs).compactMap { state.subnets[$0.subnetID] },
                                      floatingIPs: fips)]
        out += interfaces.map {
            translation.routerPort($0, router: id, subnets: state.subnets, network: state.networks[$0.networkID], gatewayChassis: [])
        }
        // A Logical_Router_Port needs an address: a gateway on an external network without subnets has none.
        if let gatewayPort, let gateway = r.gateway, !gatewayPort.fixedIPs.isEmpty {
            out.append(translation.routerPort(gatewayPort, router: id, subnets: state.subnets, network: state.networks[gatewayPort.networkID],
                                              gatewayChassis: gateway.chassis))
        }
        let forwarded = state.floatingIPs.values.filter { $0.routerID == id }.sorted { $0.id < $1.id }
            .map { ($0, state.portForwardings(of: $0.id)) }.filter { !$0.1.isEmpty }
        let switches = Array(Set(interfaces.map { OVNNames.logicalSwitch(network: $0.networkID) })).sorted()
        out.append(translation.portForwardingBalancers(router: id, forwarded: forwarded, switches: switches))
        return out
    }

    /// A network's QoS rows: its ports whose own or network's policy applies.
    private static func qos(_ network: String, _ state: NetworkingState, _ translation: NBTranslation) -> NBIntent {
        translation.qosRules(network: network, ports: state.ports(of: network).compactMap { p in state.effectiveQoSPolicy(of: p).map { (p, $0) } })
    }

    private static func subnet(_ id: String, _ state: NetworkingState, _ translation: NBTranslation) -> NBIntent? {
        guard let s = state.subnets[id], let n = state.networks[s.networkID] else { return nil }
        let metadataIP = state.metadataPort(of: n.id)?.fixedIPs.first { $0.subnetID == s.id }?.ipAddress
        return translation.subnet(s, network: n, metadataIP: metadataIP)
    }
}
