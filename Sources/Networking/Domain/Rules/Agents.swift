import Foundation

/// The agents API's rules, as ML2/OVN's agent cache has them: agents come from the chassis; an agent is alive
/// while it has caught up with `NB_Global.nb_cfg` to within one, or changed within `agent_down_time`.
struct AgentRules: Sendable {
    static let metadataIDKey = "neutron:ovn-metadata-id"
    static let metadataConfigurationKey = "neutron:ovn-metadata-sb-cfg"

    /// `NB_Global.nb_cfg`, which the service bumps to ask every chassis for a sign of life.
    var nbCfg: Int
    /// `[DEFAULT] agent_down_time`.
    var downTime: TimeInterval
    var now: Date

    /// Every agent of `chassis`, ordered by host then type.
    func agents(_ chassis: [ChassisRecord]) -> [Agent] {
        chassis.sorted { ($0.hostname, $0.name) < ($1.hostname, $1.name) }.flatMap { c -> [Agent] in
            let options = c.cmsOptions
            let controllerAlive = alive(cfg: c.nbCfg, seen: c.lastSeen)
            var out = [agent(c, options.contains("enable-chassis-as-gw") ? .gateway : .controller, id: c.name, options, alive: controllerAlive)]
            if let id = c.externalIDs[Self.metadataIDKey] {
                let cfg = Int(c.externalIDs[Self.metadataConfigurationKey] ?? "") ?? 0
                out.append(agent(c, .metadata, id: id, options, alive: controllerAlive && alive(cfg: cfg, seen: c.lastSeen)))
            }
            return out
        }
    }

    /// The availability zones of a chassis: `availability-zones=az1:az2` in its CMS options.
    static func availabilityZones(_ options: [String]) -> [String] {
        guard let entry = options.first(where: { $0.hasPrefix("availability-zones=") }) else { return [] }
        let zones = entry.dropFirst("availability-zones=".count).split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
        return Array(Set(zones.filter { !$0.isEmpty })).sorted()
    }

    /// The body of an agent update, checked as ML2/OVN does: only the description can change.
    static func checkUpdate(adminStateUp: Bool?) throws(NetworkingError) {
        if adminStateUp == false { throw NetworkingError.badRequest("OVN agent status cannot be updated") }
    }

    /// Caught up to within one of `NB_Global.nb_cfg` (a value ahead of it, or one that overflows, is not: the time
    /// decides then), or changed within the down time.
    private func alive(cfg: Int, seen: Date) -> Bool {
        let (behind, overflow) = nbCfg.subtractingReportingOverflow(cfg)
        return (!overflow && (0...1).contains(behind)) || now.timeIntervalSince(seen) < downTime
    }

    private func agent(_ c: ChassisRecord, _ kind: Agent.Kind, id: String, _ options: [String], alive: Bool) -> Agent {
        Agent(id: id, kind: kind, host: c.hostname, chassis: c.name, bridgeMappings: c.bridgeMappings,
              availabilityZones: Self.availabilityZones(options), description: c.externalIDs[kind.descriptionKey] ?? "", alive: alive)
    }
}
