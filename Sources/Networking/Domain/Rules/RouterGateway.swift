import Addressing
import OpenStackAPI

/// A router's external gateway: a `network:router_gateway` port on an external network, scheduled over the
/// gateway chassis by ML2/OVN's leastloaded rule and moved when chassis join or leave.
extension NetworkingRules {
    /// Sets (or changes) the external gateway.
    func setGateway(_ r: inout NetworkRouter, _ request: GatewayRequest, _ auth: AuthContext, batch: inout Batch) throws(NetworkingError) {
        let networkID = request.networkID
        guard let network = state.networks[networkID], state.canSee(network, auth) else { throw .notFound(.network, networkID) }
        guard network.external else {
            throw .badRequest("Bad router request: Network \(networkID) is not a valid external network.")
        }
        let enableSNAT = request.enableSNAT ?? r.gateway?.enableSNAT ?? true
        if let existing = r.gateway, existing.networkID == networkID, request.externalFixedIPs == nil {
            r.gateway?.enableSNAT = enableSNAT
            return
        }
        if r.gateway != nil { try clearGateway(&r, batch: &batch) }
        var fixed: [Port.FixedIP] = []
        let all = state.subnets(of: networkID)
        let mac = Identifiers.uniqueMAC(in: state)
        if let requested = request.externalFixedIPs, !requested.isEmpty {
            guard auth.isAdmin else { throw .forbidden("update_router:external_gateway_info:external_fixed_ips") }
            for item in requested {
                let subnet = item.subnetID.flatMap { id in all.first { $0.id == id } }
                    ?? item.ipAddress.flatMap { ip in all.first { $0.network.contains(ip) } }
                guard let s = subnet else { throw .badRequest("Invalid input for external_gateway_info: bad external_fixed_ips entry.") }
                guard s.serves(DeviceOwner.routerGateway) else {
                    throw .invalidInput("Failed to create port on network \(networkID), because fixed_ips included invalid subnet \(s.id)")
                }
                if let ip = item.ipAddress {
                    let text = ip.description
                    guard s.network.contains(ip) else { throw .invalidIPForSubnet(text) }
                    if state.allocations[s.id]?[ip] != nil || text == s.gatewayIP { throw .ipInUse(text, subnet: s.id) }
                    fixed.append(.init(subnetID: s.id, ipAddress: text))
                } else if s.isAutoAddress, let ip = IPAM.eui64(s.network, mac: mac) {
                    fixed.append(.init(subnetID: s.id, ipAddress: ip.description))
                } else if let ip = IPAM.randomFree(s.poolRanges, used: state.allocations[s.id] ?? [:]) {
                    fixed.append(.init(subnetID: s.id, ipAddress: ip.description))
                }
            }
        } else {
            // Without named addresses, the port's are a port's default ones (one IPv4, one DHCPv6, every SLAAC); on a
            // network without subnets, none (Neutron allows it: the gateway carries nothing until it has an address).
            fixed = all.isEmpty ? [] : try defaultAddresses(network: network, mac: mac, deviceOwner: DeviceOwner.routerGateway)
        }
        let port = Port(id: ids.make(.port), projectID: "", networkID: networkID, name: "", macAddress: mac,
                        adminStateUp: true, status: "ACTIVE", deviceID: r.id, deviceOwner: DeviceOwner.routerGateway, fixedIPs: fixed,
                        securityGroups: [], portSecurityEnabled: false, allowedAddressPairs: [], extraDHCPOpts: [], hostID: "",
                        vnicType: "normal", profile: "{}", std: StandardAttributes(revision: 1))
        r.gateway = NetworkRouter.Gateway(networkID: networkID, portID: port.id, enableSNAT: enableSNAT,
                                          chassis: GatewaySchedule.leastLoaded(gatewayCandidates(for: r, among: gatewayChassis()), load: gatewayLoad()))
        batch.ports.append(port)
    }

    /// Removes the gateway (its port goes); 409 while floating IPs depend on it.
    func clearGateway(_ r: inout NetworkRouter, batch: inout Batch) throws(NetworkingError) {
        guard let gw = r.gateway else { return }
        if let fip = state.floatingIPs.values.first(where: { $0.routerID == r.id }) {
            throw .conflict("RouterExternalGatewayInUseByFloatingIp",
                            "Gateway cannot be updated for router \(r.id), since a gateway to external network \(gw.networkID) is required by one or more floating IPs (\(fip.id)).")
        }
        batch.deletedPorts.append(gw.portID)
        r.gateway = nil
    }

    /// The gateway chassis a router may use: those in one of its availability zones when it names any
    /// (`availability_zone_hints`), else all, as ML2/OVN's scheduler chooses.
    func gatewayCandidates(for r: NetworkRouter, among all: [GatewayChassis]) -> [String] {
        guard !r.availabilityZoneHints.isEmpty else { return all.map(\.name) }
        return all.filter { !Set($0.zones).isDisjoint(with: r.availabilityZoneHints) }.map(\.name)
    }

    /// `availability_zone_hints` must name zones that exist (`AvailabilityZoneNotFound`).
    func checkedZoneHints(_ hints: [String]?) throws(NetworkingError) -> [String] {
        guard let hints, !hints.isEmpty else { return [] }
        let zones = Set(GatewayChassis.zones(gatewayChassis()))
        let missing = hints.filter { !zones.contains($0) }
        guard missing.isEmpty else {
            throw NetworkingError(.notFound, "AvailabilityZoneNotFound", "AvailabilityZone \(missing.joined(separator: ", ")) could not be found.")
        }
        return hints
    }

    /// Gateways each chassis carries at top priority.
    func gatewayLoad() -> [String: Int] {
        var load: [String: Int] = [:]
        for r in state.routers.values { if let first = r.gateway?.chassis.first { load[first, default: 0] += 1 } }
        return load
    }

    /// Gateways moved off chassis that left and onto ones that joined; nil when every schedule is current.
    func rebalancedGateways() -> Batch? {
        // Both read once, not per router: the state does not change during the loop.
        let chassis = gatewayChassis(), load = gatewayLoad()
        var batch = Batch()
        for r in state.routers.values {
            guard var gw = r.gateway else { continue }
            let next = GatewaySchedule.rebalance(gw.chassis, candidates: gatewayCandidates(for: r, among: chassis), load: load)
            guard next != gw.chassis else { continue }
            gw.chassis = next
            var updated = r
            updated.gateway = gw
            batch.routers.append(updated)
        }
        return batch.routers.isEmpty ? nil : batch
    }
}

/// ML2/OVN's leastloaded choice of gateway chassis.
enum GatewaySchedule {
    /// Chassis by priority for a new gateway port: the least loaded (fewest gateways at top priority) first.
    static func leastLoaded(_ candidates: [String], load: [String: Int]) -> [String] {
        candidates.sorted { (load[$0] ?? 0, $0) < (load[$1] ?? 0, $1) }
    }

    /// An existing schedule brought in line with the candidates: chassis that left are dropped, new ones join at the end.
    static func rebalance(_ current: [String], candidates: [String], load: [String: Int]) -> [String] {
        let kept = current.filter(candidates.contains)
        return kept + leastLoaded(candidates.filter { !kept.contains($0) }, load: load)
    }
}
