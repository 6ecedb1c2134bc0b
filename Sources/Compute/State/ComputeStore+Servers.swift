import Foundation

extension ComputeStore {
    /// Creates up to `max_count` instances, as many as the quota allows but never fewer than `min_count` (403), and
    /// schedules them inside this actor (claims are taken in order, so concurrent creates never oversubscribe a
    /// host). As in Nova, a request is placed all or nothing: when one of its instances fits no host, every one of
    /// them is kept in ERROR with NoValidHost and none claims anything.
    func createServers(_ resolved: ResolvedServerCreate, _ caller: Caller, requestID: String = "") throws(ComputeError) -> [Instance] {
        let request = resolved.request
        try ServerRules.checkMetadata(request.metadata, quota: quota(project: caller.projectID))
        guard let flavor = flavors[request.flavorRef], flavor.visible(to: caller), !flavor.disabled else {
            throw .badRequest("Flavor \(request.flavorRef) could not be found.")
        }
        try ServerRules.check(image: resolved.image, against: flavor)
        var keyData: String?
        if let keyName = request.keyName {
            guard let keypair = keypairs[caller.userID]?[keyName] else { throw .badRequest("Invalid key_name provided.") }
            keyData = keypair.publicKey
        }
        let (zone, forcedHost) = try placement(request.availabilityZone, caller)
        let count = try ServerRules.allowedCount(min: request.minCount, max: request.maxCount, used: usage(project: caller.projectID),
                                                 flavor: flavor, quota: quota(project: caller.projectID))
        let snapshot = FlavorSnapshot(id: flavor.id, name: flavor.name, vcpus: flavor.vcpus, ram: flavor.ram, disk: flavor.disk)
        var usage = usageByHost()
        let now = ComputeClock.now()
        let reservation = "r-" + String(UUID().uuidString.lowercased().prefix(8))
        var created: [Instance] = []
        for index in 0..<count {
            let id = UUID().uuidString.lowercased()
            let name = count > 1 ? "\(request.name)-\(index + 1)" : request.name
            var instance = Instance(
                id: id, name: name, hostname: ServerRules.hostname(name, id: id), projectID: caller.projectID, userID: caller.userID,
                imageID: resolved.image.id, flavor: snapshot, keyName: request.keyName, keyData: keyData, userData: request.userData,
                metadata: request.metadata, availabilityZone: zone, requestedNetworks: resolved.networks,
                securityGroups: resolved.securityGroups, reservationID: reservation, launchIndex: index, createdAt: now, updatedAt: now,
                vmState: .building, taskState: "scheduling", hints: request.hints)
            instance.accessIPv4 = request.accessIPv4 ?? ""
            instance.accessIPv6 = request.accessIPv6 ?? ""
            instance.record("create", requestID: requestID, caller: caller)
            let scheduler = Scheduler(hosts: Array(hosts.values), usage: usage, now: now)
            if let host = scheduler.pick(flavor: snapshot, zone: zone, forcedHost: forcedHost, hints: request.hints,
                                         hostOf: { self.instances[$0]?.host }) {
                instance.host = host.name
                instance.availabilityZone = host.availabilityZone
                instance.taskState = "spawning"
                usage[host.name, default: HostUsage()].add(snapshot)
            }
            created.append(instance)
        }
        if created.contains(where: { $0.host == nil }) {
            for index in created.indices {
                created[index].host = nil
                created[index].availabilityZone = zone
                Lifecycle.fail(&created[index], "No valid host was found. There are not enough hosts available.", now: now)
            }
        }
        try commit(Batch(instances: created))
        return created
    }

    /// The zone asked for (400 when no host is in it) and, for admins, a forced `zone:host`.
    private func placement(_ requested: String?, _ caller: Caller) throws(ComputeError) -> (String?, String?) {
        guard let requested, !requested.isEmpty else { return (nil, nil) }
        let parts = requested.split(separator: ":", maxSplits: 1).map(String.init)
        let zone = parts.first.flatMap { $0.isEmpty ? nil : $0 }
        let host = parts.count > 1 ? parts[1] : nil
        if host != nil, !caller.isAdmin { throw .policy("os_compute_api:servers:create:forced_host") }
        if let zone, zone != "nova", !hosts.values.contains(where: { $0.availabilityZone == zone }) {
            throw .badRequest("The requested availability zone is not available")
        }
        return (zone, host)
    }

    /// One instance the caller may see, or 404.
    func instance(_ id: String, _ caller: Caller) throws(ComputeError) -> Instance {
        guard let instance = instances[id], caller.owns(instance.projectID) else { throw .serverNotFound(id) }
        return instance
    }

    /// Instances of the caller's project (every project's for an admin asking `all_tenants`), oldest first.
    func listInstances(_ caller: Caller, allProjects: Bool) -> [Instance] {
        instances.values.filter { (allProjects && caller.isAdmin) || $0.projectID == caller.projectID }
            .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    /// Changes one instance the caller owns as `change` says, committed when it returns.
    func changeInstance(_ id: String, _ caller: Caller, _ change: @Sendable (inout Instance) throws(ComputeError) -> Void) throws(ComputeError) -> Instance {
        var instance = try instance(id, caller)
        try change(&instance)
        instance.updatedAt = ComputeClock.now()
        try commit(Batch(instances: [instance]))
        return instance
    }

    /// Deletes a server: at once when it has no host or its host is down, else asks its agent (task deleting).
    func deleteInstance(_ id: String, _ caller: Caller, requestID: String = "") throws(ComputeError) {
        var instance = try instance(id, caller)
        try ServerRules.checkLock(instance, caller)
        instance.record("delete", requestID: requestID, caller: caller)
        if let name = instance.host, let host = hosts[name], host.isUp(now: ComputeClock.now()) {
            instance.desired = .deleted
            instance.taskState = "deleting"
            instance.updatedAt = ComputeClock.now()
            try commit(Batch(instances: [instance]))
        } else {
            try commit(Batch(deletedInstances: [id]))
        }
    }

    /// Every building instance whose ports' events did not come in time goes to ERROR.
    func expirePlugging(timeout: Double) throws(ComputeError) {
        let now = ComputeClock.now()
        var changed: [Instance] = []
        for var instance in instances.values where Lifecycle.checkPluggingTimeout(&instance, now: now, timeout: timeout) {
            changed.append(instance)
        }
        if !changed.isEmpty { try commit(Batch(instances: changed), notify: false) }
    }
}
