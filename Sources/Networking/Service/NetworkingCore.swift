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
            writes += batch.deletedNetworks.map { .delete(.network, id: $0) } + batch.deletedSubnets.map { .delete(.subnet, id: $0) }
                + batch.deletedPorts.map { .delete(.port, id: $0) } + batch.deletedGroups.map { .delete(.securityGroup, id: $0) }
            try store.apply(writes)
        } catch {
            logger.error("database write failed", metadata: ["error": "\(error)"])
            throw APIError(status: 500, message: "Request Failed: internal server error while processing your request.", type: "HTTPInternalServerError")
        }
        let removedPorts = batch.deletedPorts.compactMap { state.ports[$0] }
        let removedSubnets = batch.deletedSubnets
        state.apply(batch)
        await writeNB(intents(for: batch, removedPorts: removedPorts, removedSubnets: removedSubnets))
    }

    /// The intents of what a batch changed.
    private func intents(for batch: Batch, removedPorts: [Port], removedSubnets: [String]) -> [NBIntent] {
        var out: [NBIntent] = []
        out += batch.deletedNetworks.map { .removeSwitch(name: OVNNames.logicalSwitch(network: $0)) }
        out += removedPorts.filter { !batch.deletedNetworks.contains($0.networkID) }.map { .removeSwitchPort(name: $0.id) }
        out += removedSubnets.map { .removeDHCPOptions(subnetID: $0) }
        out += batch.deletedGroups.map { .removePortGroup(name: OVNNames.portGroup(securityGroup: $0)) }
        for g in batch.groups { out.append(translation.group(g)) }
        for n in batch.networks { out += translation.network(n) }
        for s in batch.subnets { if let intent = subnetIntent(s.id) { out.append(intent) } }
        for p in batch.ports { if let intent = portIntent(p.id) { out.append(intent) } }
        return out
    }

    func portIntent(_ id: String) -> NBIntent? {
        guard let p = state.ports[id], let n = state.networks[p.networkID] else { return nil }
        return translation.port(p, network: n, subnets: state.subnets)
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
