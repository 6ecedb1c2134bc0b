/// `os:scheduler_hints` this scheduler honours.
struct SchedulerHints: Codable, Sendable, Equatable {
    var sameHost: [String] = []
    var differentHost: [String] = []
}

/// Nova's filter scheduler in small: hosts that are up and enabled, in the asked availability zone, with room
/// for the flavor's RAM, vCPUs (no overcommit) and disk, honouring same_host/different_host; the least loaded
/// (most free RAM, then fewest instances) wins. Pure: the store calls it inside its actor, so claims never race.
struct Scheduler {
    var hosts: [ComputeHost]
    var usage: [String: HostUsage]
    var now: Double

    /// The host for one instance, or nil when none fits.
    func pick(flavor: FlavorSnapshot, zone: String?, forcedHost: String?, hints: SchedulerHints,
              hostOf: (String) -> String?) -> ComputeHost? {
        let sameHosts = Set(hints.sameHost.compactMap(hostOf))
        let differentHosts = Set(hints.differentHost.compactMap(hostOf))
        let fitting = hosts.filter { host in
            let used = usage[host.name] ?? HostUsage()
            return host.isUp(now: now) && !host.disabled
                && (zone == nil || host.availabilityZone == zone)
                && (forcedHost == nil || host.name == forcedHost)
                && used.ramMB + flavor.ram <= host.memoryMB
                && used.vcpus + flavor.vcpus <= host.vcpus
                && used.diskGB + flavor.disk <= host.localGB
                && (hints.sameHost.isEmpty || (sameHosts.count == 1 && sameHosts.contains(host.name)))
                && !differentHosts.contains(host.name)
        }
        return fitting.max { a, b in
            let ua = usage[a.name] ?? HostUsage(), ub = usage[b.name] ?? HostUsage()
            let freeA = a.memoryMB - ua.ramMB, freeB = b.memoryMB - ub.ramMB
            if freeA != freeB { return freeA < freeB }
            if ua.instances != ub.instances { return ua.instances > ub.instances }
            return a.name > b.name
        }
    }
}
