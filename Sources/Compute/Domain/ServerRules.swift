/// The rules of server creates and actions: what Nova refuses, and how an action moves the states.
enum ServerRules {
    /// The groups a new server is in. Nova shows a server's groups from its ports, and a lone `default` is left
    /// to Networking, which gives it only to ports with port security: so on networks that all have port security
    /// off, such a server is in no group.
    static func securityGroups(_ groups: [SecurityGroupRef], on networks: [RequestedNetwork]) -> [SecurityGroupRef] {
        isLoneDefault(groups) && !networks.isEmpty && networks.allSatisfy({ $0.portSecurity == false }) ? [] : groups
    }

    /// Whether `groups` is just `default`, which Nova leaves to Networking (`_clean_security_groups`).
    static func isLoneDefault(_ groups: [SecurityGroupRef]) -> Bool { groups.map(\.name) == ["default"] }

    /// 403 when `metadata` holds more items than the project's quota allows.
    static func checkMetadata(_ metadata: [String: String], quota: QuotaSet = .defaults) throws(ComputeError) {
        guard QuotaSet.allows(quota.metadataItems, metadata.count) else {
            throw .forbidden("Quota exceeded for metadata_items: Requested \(metadata.count), but already used 0 of \(quota.metadataItems) metadata_items")
        }
    }

    /// Nova's flavor/image checks (`_validate_flavor_image`).
    static func check(image: ImageFacts, against flavor: Flavor) throws(ComputeError) {
        guard image.status == "active" else { throw .badRequest("Image \(image.id) is not active.") }
        guard flavor.ram >= image.minRAM else { throw .badRequest("Flavor's memory is too small for requested image.") }
        guard image.minDisk <= flavor.disk || flavor.disk == 0 else { throw .badRequest("Flavor's disk is too small for requested image.") }
        if flavor.disk > 0, let size = image.size, size > flavor.disk << 30 {
            throw .badRequest("Flavor's disk is too small for requested image. Flavor disk is \(flavor.disk << 30) bytes, image is \(size) bytes.")
        }
    }

    /// How many of a `min`…`max` request the quota allows, as Nova counts it: the most that fit, or 403 (the
    /// message of `min`) when not even `min` do.
    static func allowedCount(min: Int, max: Int, used: HostUsage, flavor: Flavor, quota: QuotaSet) throws(ComputeError) -> Int {
        func room(_ limit: Int, _ inUse: Int, _ each: Int) -> Int {
            limit < 0 || each <= 0 ? Int.max : Swift.max(0, (limit - inUse) / each)
        }
        let fits = Swift.min(max, room(quota.instances, used.instances, 1), room(quota.cores, used.vcpus, flavor.vcpus),
                             room(quota.ram, used.ramMB, flavor.ram))
        if fits >= min { return fits }
        try checkQuota(used: used, count: min, flavor: flavor, quota: quota)
        return min
    }

    /// 403 when `count` more instances of `flavor` exceed the project's quota.
    static func checkQuota(used: HostUsage, count: Int, flavor: Flavor, quota: QuotaSet) throws(ComputeError) {
        func check(_ what: String, _ requested: Int, _ inUse: Int, _ limit: Int) throws(ComputeError) {
            guard QuotaSet.allows(limit, inUse + requested) else {
                throw .forbidden("Quota exceeded for \(what): Requested \(requested), but already used \(inUse) of \(limit) \(what)")
            }
        }
        try check("instances", count, used.instances, quota.instances)
        try check("cores", count * flavor.vcpus, used.vcpus, quota.cores)
        try check("ram", count * flavor.ram, used.ramMB, quota.ram)
    }

    /// 409 when a locked instance is acted on by someone other than an admin (Nova's `check_instance_lock`).
    static func checkLock(_ instance: Instance, _ caller: Caller) throws(ComputeError) {
        if instance.locked, !caller.isAdmin { throw .conflict("Instance \(instance.id) is locked") }
    }

    /// An RFC 952 host name from a display name (Nova's `sanitize_hostname`).
    static func hostname(_ name: String, id: String) -> String {
        var out = ""
        for c in name.lowercased() {
            if c.isASCII, c.isLetter || c.isNumber || c == "-" { out.append(c) } else if c == " " || c == "_" || c == "." { out.append("-") }
        }
        let trimmed = String(out.prefix(63)).stripping("-")
        return trimmed.isEmpty ? "server-\(id)" : trimmed
    }

    /// Moves `instance` as `action` asks (or throws Nova's 409); the agent converges from the new desired state.
    static func apply(_ action: ServerAction, to instance: inout Instance, by caller: Caller? = nil) throws(ComputeError) {
        let id = instance.id
        if let caller { try checkLock(instance, caller) }
        if let task = instance.taskState { throw .invalidTask(action.name, id, taskState: task) }
        guard instance.host != nil else { throw .invalidState(action.name, id, vmState: instance.vmState.rawValue) }
        switch action {
        case .stop:
            guard instance.vmState == .active else { throw .invalidState(action.name, id, vmState: instance.vmState.rawValue) }
            instance.taskState = "powering-off"
            instance.desired = .stopped
        case .start:
            guard instance.vmState == .stopped else { throw .invalidState(action.name, id, vmState: instance.vmState.rawValue) }
            instance.taskState = "powering-on"
            instance.desired = .running
        case .reboot(let hard):
            let allowed: [Instance.VMState] = hard ? [.active, .stopped, .error] : [.active]
            guard allowed.contains(instance.vmState) else { throw .invalidState(action.name, id, vmState: instance.vmState.rawValue) }
            instance.taskState = hard ? "rebooting_hard" : "rebooting"
            if hard { instance.vmState = .active }
            instance.desired = .running
            instance.generation += 1
            instance.action = hard ? "reboot-hard" : "reboot-soft"
        case .rebuild(let image, let name, let metadata):
            guard [.active, .stopped, .error].contains(instance.vmState) else {
                throw .invalidState(action.name, id, vmState: instance.vmState.rawValue)
            }
            instance.imageID = image.id
            if let name { instance.name = name }
            if let metadata { instance.metadata = metadata }
            // A stopped server stays stopped (vm_state stopped, status REBUILD): the agent rebuilds only a guest it
            // runs, so it runs the new root once and ``Lifecycle`` stops it again when it reports the new generation.
            if instance.vmState != .stopped { instance.vmState = .active }
            instance.taskState = "rebuilding"
            instance.desired = .running
            instance.generation += 1
            instance.action = "rebuild"
            instance.fault = nil
        }
    }
}

extension String {
    /// Without leading and trailing `character`s.
    func stripping(_ character: Character) -> String {
        String(drop(while: { $0 == character }).reversed().drop(while: { $0 == character }).reversed())
    }
}
