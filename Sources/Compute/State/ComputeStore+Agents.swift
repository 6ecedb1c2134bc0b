extension ComputeStore {
    /// Registers a host or records its heartbeat; the first registration gives it the next id.
    func register(_ name: String, _ registration: HostRegistration) throws(ComputeError) -> ComputeHost {

        let now = ComputeClock.now()
        var host = hosts[name] ?? ComputeHost(name: name, id: (hosts.values.map(\.id).max() ?? 0) + 1, hypervisorHostname: "", availabilityZone: "",
                                       vcpus: 0, memoryMB: 0, localGB: 0, agentURL: "", hostIP: "", lastHeartbeat: now)
        host.hypervisorHostname = registration.hypervisorHostname
        host.availabilityZone = registration.availabilityZone
        host.vcpus = registration.vcpus
        host.memoryMB = registration.memoryMB
        host.localGB = registration.localGB
        host.agentURL = registration.agentURL
        host.hostIP = registration.hostIP
        if host.upSince == nil || !host.isUp(now: now) { host.upSince = now }
        host.lastHeartbeat = now
        try commit(Batch(hosts: [host]))
        return host
    }

    /// Every registered host, by id.
    func listHosts() -> [ComputeHost] { hosts.values.sorted { $0.id < $1.id } }

    /// The instances scheduled to `host` that still exist (those being deleted too).
    func instances(onHost host: String) -> [Instance] {
        instances.values.filter { $0.host == host }.sorted { $0.createdAt < $1.createdAt }
    }

    /// Applies an agent's report; a `deleted` report removes the instance. 404 for an unknown instance.
    func report(_ id: String, _ report: StatusReport) throws(ComputeError) -> Instance? {
        guard var instance = instances[id] else { throw .serverNotFound(id) }
        if report.deleted {
            try commit(Batch(deletedInstances: [id]))
            return nil
        }
        let desired = instance.desired
        Lifecycle.apply(report, to: &instance, now: ComputeClock.now())
        instance.updatedAt = ComputeClock.now()
        // The agent is told at once only when the report changed what it must do (a rebuilt stopped server).
        try commit(Batch(instances: [instance]), notify: instance.desired != desired)
        return instance
    }

    /// Applies external events; per-event codes as Nova answers them.
    func apply(_ events: [ExternalEvent]) throws(ComputeError) -> [Int] {
        var codes: [Int] = []
        var changed: [String: Instance] = [:]
        let now = ComputeClock.now()
        for event in events {
            guard var instance = changed[event.serverID] ?? instances[event.serverID] else { codes.append(404); continue }
            codes.append(Lifecycle.apply(event, to: &instance, now: now))
            changed[instance.id] = instance
        }
        try commit(Batch(instances: Array(changed.values)), notify: false)
        return codes
    }

    /// Replaces the info cache of an instance (after a refresh from Networking).
    func setAddresses(_ id: String, _ addresses: [NetworkAddresses]) throws(ComputeError) {
        guard var instance = instances[id], instance.addresses != addresses else { return }
        instance.addresses = addresses
        try commit(Batch(instances: [instance]), notify: false)
    }

    /// Sets the password the guest posted through the metadata service (empty clears it).
    func setPassword(_ id: String, _ password: String) throws(ComputeError) {
        guard var instance = instances[id] else { throw .serverNotFound(id) }
        instance.password = password
        try commit(Batch(instances: [instance]), notify: false)
    }

    /// The host of an instance, for agent calls.
    func host(named name: String) -> ComputeHost? { hosts[name] }
}
