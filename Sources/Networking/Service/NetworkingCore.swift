import Foundation
import Logging
import OpenStackAPI

/// The networking service's state and every change to it. A change is validated against the
/// in-memory state, committed to SQLite, applied in memory, then written to the Northbound as one
/// transaction; if that NB write fails the resource is left for the repair pass, which retries it.
public actor NetworkingCore {
    let configuration: NetworkingConfiguration
    let store: NetworkingStore
    let nb: NBSync
    let translation: NBTranslation
    let logger: Logger
    let ids: IDSource
    var state = NetworkingState()
    /// A failed NB write leaves the Northbound behind; the next repair pass runs the full comparison.
    var nbBehind = false

    /// Opens the store and loads every resource.
    public init(configuration: NetworkingConfiguration, nb: NBSync, ids: IDSource = .random,
                logger: Logger = Logger(label: "ovnstack.network")) throws {
        self.configuration = configuration
        self.ids = ids
        self.nb = nb
        self.logger = logger
        translation = NBTranslation(dnsServers: configuration.dnsServers)
        store = try NetworkingStore(directory: configuration.stateDirectory)
        var batch = Batch()
        let decoder = JSONDecoder()
        batch.networks = try store.load(.network).map { try decoder.decode(Network.self, from: $0) }
        batch.subnets = try store.load(.subnet).map { try decoder.decode(Subnet.self, from: $0) }
            .sorted { $0.std.createdAt < $1.std.createdAt }
        batch.groups = try store.load(.securityGroup).map { try decoder.decode(SecurityGroup.self, from: $0) }
        batch.ports = try store.load(.port).map { try decoder.decode(Port.self, from: $0) }
        batch.routers = try store.load(.router).map { try decoder.decode(NetworkRouter.self, from: $0) }
        batch.floatingIPs = try store.load(.floatingIP).map { try decoder.decode(FloatingIP.self, from: $0) }
        state.apply(batch)
    }

    /// Commits a batch: SQLite first (the source of truth), then memory, then the Northbound.
    func commit(_ batch: Batch) async throws {
        let encoder = JSONEncoder()
        var writes: [NetworkingStore.Write] = []
        do {
            for n in batch.networks { writes.append(.put(.network, id: n.id, try encoder.encode(n))) }
            for s in batch.subnets { writes.append(.put(.subnet, id: s.id, try encoder.encode(s))) }
            for p in batch.ports { writes.append(.put(.port, id: p.id, try encoder.encode(p))) }
            for g in batch.groups { writes.append(.put(.securityGroup, id: g.id, try encoder.encode(g))) }
            for r in batch.routers { writes.append(.put(.router, id: r.id, try encoder.encode(r))) }
            for f in batch.floatingIPs { writes.append(.put(.floatingIP, id: f.id, try encoder.encode(f))) }
            writes += batch.deletedRouters.map { .delete(.router, id: $0) } + batch.deletedFloatingIPs.map { .delete(.floatingIP, id: $0) }
            writes += batch.deletedNetworks.map { .delete(.network, id: $0) } + batch.deletedSubnets.map { .delete(.subnet, id: $0) }
                + batch.deletedPorts.map { .delete(.port, id: $0) } + batch.deletedGroups.map { .delete(.securityGroup, id: $0) }
            try store.apply(writes)
        } catch {
            logger.error("database write failed", metadata: ["error": "\(error)"])
            throw APIError(status: 500, message: "Request Failed: internal server error while processing your request.", type: "HTTPInternalServerError")
        }
        let removedPorts = batch.deletedPorts.compactMap { state.ports[$0] }
        let previous = Previous(ports: batch.ports.compactMap { state.ports[$0.id] } + removedPorts,
                                floatingIPs: (batch.floatingIPs.map(\.id) + batch.deletedFloatingIPs).compactMap { state.floatingIPs[$0] })
        state.apply(batch)
        await writeNB(intents(for: batch, removedPorts: removedPorts, previous: previous))
    }

    /// What the changed resources were before a batch: their old routers and ports need a sync too.
    private struct Previous {
        var ports: [Port]
        var floatingIPs: [FloatingIP]
    }

    /// The intents of what a batch changed.
    private func intents(for batch: Batch, removedPorts: [Port], previous: Previous) -> [NBIntent] {
        var out: [NBIntent] = []
        out += batch.deletedNetworks.map { .removeSwitch(name: OVNNames.logicalSwitch(network: $0)) }
        out += removedPorts.filter { !batch.deletedNetworks.contains($0.networkID) }.map { .removeSwitchPort(name: $0.id) }
        out += removedPorts.filter(\.isRouterPort).map { .removeRouterPort(name: OVNNames.routerPort(port: $0.id)) }
        out += batch.deletedSubnets.map { .removeDHCPOptions(subnetID: $0) }
        out += batch.deletedGroups.map { .removePortGroup(name: OVNNames.portGroup(securityGroup: $0)) }
        out += batch.deletedRouters.map { .removeRouter(name: OVNNames.logicalRouter(router: $0)) }
        for g in batch.groups { out.append(translation.group(g)) }
        for n in batch.networks { out += translation.network(n) }
        for s in batch.subnets { if let intent = subnetIntent(s.id) { out.append(intent) } }
        let fips = batch.floatingIPs + previous.floatingIPs
        var ports = batch.ports.map(\.id)
        ports += fips.compactMap(\.portID).filter { !ports.contains($0) }
        for p in ports { if let intent = portIntent(p) { out.append(intent) } }
        var routers = batch.routers.map(\.id)
        let touched = (batch.ports + previous.ports).filter(\.isRouterPort).map(\.deviceID) + fips.compactMap(\.routerID)
        routers += touched.filter { !routers.contains($0) }
        for r in routers { out += routerIntents(r) }
        return out
    }

    func portIntent(_ id: String) -> NBIntent? {
        guard let p = state.ports[id], p.deviceOwner != DeviceOwner.floatingIP, let n = state.networks[p.networkID] else { return nil }
        return translation.port(p, network: n, subnets: state.subnets, floatingIP: state.floatingIPs(of: id).first?.address)
    }

    /// A router's Logical_Router (with routes and NAT) and its router ports.
    func routerIntents(_ id: String) -> [NBIntent] {
        guard let r = state.routers[id] else { return [] }
        let interfaces = state.interfaces(of: id)
        let gatewayPort = r.gateway.flatMap { state.ports[$0.portID] }
        let gatewaySubnet = gatewayPort?.fixedIPs.lazy.compactMap { self.state.subnets[$0.subnetID] }.first { $0.ipVersion == 4 }
        let fips = state.floatingIPs.values.filter { $0.routerID == id }.sorted { $0.id < $1.id }.map { ($0, state.ports[$0.holderPortID]) }
        var out = [translation.router(r, gatewayPort: gatewayPort, gatewaySubnet: gatewaySubnet,
                                      interfaceSubnets: interfaces.flatMap(\.fixedIPs).compactMap { state.subnets[$0.subnetID] },
                                      floatingIPs: fips)]
        out += interfaces.map { translation.routerPort($0, router: id, subnets: state.subnets, gatewayChassis: []) }
        if let gatewayPort { out.append(translation.routerPort(gatewayPort, router: id, subnets: state.subnets, gatewayChassis: r.gateway!.chassis)) }
        return out
    }

    func subnetIntent(_ id: String) -> NBIntent? {
        guard let s = state.subnets[id], let n = state.networks[s.networkID] else { return nil }
        let metadataIP = state.metadataPort(of: n.id)?.fixedIPs.first { $0.subnetID == s.id }?.ipAddress
        return translation.subnet(s, network: n, metadataIP: metadataIP)
    }

    /// The whole desired Northbound.
    func allIntents() -> [NBIntent] {
        var out = [NBTranslation.dropGroup]
        out += state.groups.values.map { translation.group($0) }
        out += state.networks.values.flatMap { translation.network($0) }
        out += state.subnets.keys.compactMap { subnetIntent($0) }
        out += state.ports.keys.compactMap { portIntent($0) }
        out += state.routers.keys.flatMap { routerIntents($0) }
        return out
    }

    private func writeNB(_ intents: [NBIntent]) async {
        guard !intents.isEmpty else { return }
        do {
            try await Deadline.run(within: configuration.nbWriteTimeout) { [nb] in try await nb.apply(intents) }
        } catch {
            nbBehind = true
            logger.warning("Northbound write failed; the repair pass will retry it", metadata: ["error": "\(error)"])
        }
    }

    /// Whether a write did not reach the Northbound and a repair pass is due.
    public var isNorthboundBehind: Bool { nbBehind }

    /// Compares the whole Northbound with the database and repairs any difference (at start, periodically,
    /// and after a failed write).
    public func repair() async throws {
        try await nb.apply(allIntents(), prune: true)
        nbBehind = false
    }
}
