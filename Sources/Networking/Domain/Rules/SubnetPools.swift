import Addressing
import OpenStackAPI

/// Subnet pools (`subnet_allocation`, `default-subnetpools`): their prefixes and bounds as Neutron checks them, and the
/// allocation of a subnet's CIDR from one.
extension NetworkingRules {
    func createSubnetPool(_ r: SubnetPoolCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<SubnetPool> {
        let project = try owningProject(r.owner, auth)
        if r.shared == true, !auth.isAdmin { throw .forbidden("create_subnetpool:shared") }
        guard let texts = r.attributes.prefixes, !texts.isEmpty else {
            throw .badRequest("Failed to parse request. Required attribute 'prefixes' not specified")
        }
        let prefixes = try Self.parsedPrefixes(texts)
        let version = prefixes[0].version
        var pool = SubnetPool(id: ids.make(.subnetPool), projectID: project, name: "", ipVersion: version,
                              prefixes: PrefixAllocation.merged(prefixes).map(\.description), defaultPrefixLength: 0,
                              minPrefixLength: version == 4 ? 8 : 64, maxPrefixLength: version == 4 ? 32 : 128, defaultQuota: nil,
                              shared: r.shared ?? false, isDefault: false, std: StandardAttributes(revision: 0))
        try apply(r.attributes, to: &pool, auth, creating: true)
        if let scope = pool.addressScopeID { try checkAddressScope(scope, for: pool, auth) }
        var batch = Batch()
        batch.subnetPools = [pool]
        return Decision(batch: batch, result: pool)
    }

    func updateSubnetPool(_ id: String, _ r: SubnetPoolUpdate, _ auth: AuthContext) throws(NetworkingError) -> Decision<SubnetPool> {
        var pool = try state.visibleSubnetPool(id, auth)
        guard state.owns(pool.projectID, auth) else { throw .forbidden("update_subnetpool") }
        // A pool in another project's (shared) scope is that project's to change.
        if let scope = pool.addressScopeID, let owner = state.addressScopes[scope]?.projectID, !state.owns(owner, auth) {
            throw NetworkingError(.badRequest, "IllegalSubnetPoolUpdate",
                                  "Illegal subnetpool update : subnetpool \(id) cannot be updated when associated with shared address scope \(scope).")
        }
        var r = r
        if let texts = r.prefixes {
            let new = PrefixAllocation.merged(try Self.parsedPrefixes(texts))
            r.prefixes = new.map(\.description)  // `apply` takes them merged
            guard new.first?.version == pool.ipVersion else {
                throw .badRequest("Illegal subnetpool prefix update: the prefixes must be IPv\(pool.ipVersion)")
            }
            // Prefixes may grow, never shrink: every address the pool had stays in it.
            guard pool.networks.allSatisfy({ PrefixAllocation.covers(new, $0) }) else {
                throw NetworkingError(.badRequest, "IllegalSubnetPoolPrefixUpdate",
                                      "Illegal update to prefixes: Existing prefixes must be a subset of the new prefixes")
            }
        }
        try apply(r, to: &pool, auth, creating: false)
        if let scope = pool.addressScopeID { try checkAddressScope(scope, for: pool, auth) }
        pool.std.bump()
        var batch = Batch()
        batch.subnetPools = [pool]
        return Decision(batch: batch, result: pool)
    }

    func deleteSubnetPool(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        let pool = try state.visibleSubnetPool(id, auth)
        guard state.owns(pool.projectID, auth) else { throw .forbidden("delete_subnetpool") }
        if state.subnets.values.contains(where: { $0.subnetPoolID == id }) {
            throw .conflict("SubnetPoolInUse", "Unable to complete operation on subnet pool \(id). Two or more concurrent subnets allocated.")
        }
        var batch = Batch()
        batch.deletedSubnetPools = [id]
        return Decision(batch: batch, result: ())
    }

    /// The names, bounds, quota and default flag of an update (or create), checked together.
    private func apply(_ r: SubnetPoolUpdate, to pool: inout SubnetPool, _ auth: AuthContext, creating: Bool) throws(NetworkingError) {
        switch r.addressScopeID {
        case .absent: break
        case .null: pool.addressScopeID = nil
        case .value(let scope): pool.addressScopeID = scope
        }
        if let v = r.name { pool.name = v }
        if let v = r.description { pool.std.description = v }
        if let texts = r.prefixes, !creating { pool.prefixes = texts }
        let bits = pool.ipVersion == 4 ? 32 : 128
        if let v = r.minPrefixLength { pool.minPrefixLength = v }
        if let v = r.maxPrefixLength { pool.maxPrefixLength = v }
        if let v = r.defaultPrefixLength { pool.defaultPrefixLength = v }
        if creating, r.defaultPrefixLength == nil { pool.defaultPrefixLength = pool.minPrefixLength }
        for (name, v) in [("min_prefixlen", pool.minPrefixLength), ("max_prefixlen", pool.maxPrefixLength),
                          ("default_prefixlen", pool.defaultPrefixLength)] where !(0...bits).contains(v) {
            throw .invalidInput("Illegal prefix bounds: \(name)=\(v), it must be between 0 and \(bits)")
        }
        guard pool.minPrefixLength <= pool.maxPrefixLength,
              (pool.minPrefixLength...pool.maxPrefixLength).contains(pool.defaultPrefixLength) else {
            throw NetworkingError(.badRequest, "IllegalSubnetPoolPrefixBounds",
                                  "Illegal prefix bounds: min_prefixlen=\(pool.minPrefixLength), default_prefixlen=\(pool.defaultPrefixLength), max_prefixlen=\(pool.maxPrefixLength).")
        }
        switch r.defaultQuota {
        case .absent: break
        case .null: pool.defaultQuota = nil
        case .value(let q):
            guard q >= 0 else { throw .invalidInput("Invalid input for default_quota. Reason: '\(q)' is too small - must be at least '0'") }
            pool.defaultQuota = q
        }
        if let v = r.isDefault, v != pool.isDefault {
            guard auth.isAdmin else { throw .forbidden("\(creating ? "create" : "update")_subnetpool:is_default") }
            if v, let other = state.subnetPools.values.first(where: { $0.isDefault && $0.ipVersion == pool.ipVersion && $0.id != pool.id }) {
                throw .invalidInput("A default subnetpool for this IP family has already been set. Only one default may exist per IP family (\(other.id))")
            }
            pool.isDefault = v
        }
    }

    /// Prefixes of one IP version.
    private static func parsedPrefixes(_ texts: [String]) throws(NetworkingError) -> [IPNetwork] {
        var out: [IPNetwork] = []
        for text in texts {
            guard let net = IPNetwork(text, strict: false) else {
                throw .invalidInput("Invalid input for prefixes. Reason: '\(text)' is not a valid IP subnet")
            }
            out.append(net)
        }
        guard Set(out.map(\.version)).count == 1 else {
            throw NetworkingError(.badRequest, "PrefixVersionMismatch", "Cannot mix IPv4 and IPv6 prefixes in a subnet pool.")
        }
        return out
    }

    /// The CIDR a subnet gets from `pool`: the one asked for, if the pool holds it free, else the first free block of
    /// `prefixLength` (the pool's default when nil); within the project's quota of the pool.
    func allocate(from pool: SubnetPool, cidr: IPNetwork?, prefixLength: Int?, project: String) throws(NetworkingError) -> IPNetwork {
        let used = state.subnets.values.filter { $0.subnetPoolID == pool.id }.map(\.network)
        let block: IPNetwork
        if let cidr {
            guard cidr.version == pool.ipVersion, PrefixAllocation.covers(pool.networks, cidr) else {
                throw NetworkingError(.badRequest, "SubnetAllocationError",
                                      "Failed to allocate subnet: Cidr \(cidr) is not within the prefixes of subnet pool \(pool.id).")
            }
            if used.contains(where: { $0.overlaps(cidr) }) {
                throw NetworkingError(.badRequest, "SubnetAllocationError", "Failed to allocate subnet: Cidr \(cidr) is already allocated.")
            }
            block = cidr
        } else {
            let length = prefixLength ?? pool.defaultPrefixLength
            guard (pool.minPrefixLength...pool.maxPrefixLength).contains(length) else {
                throw NetworkingError(.badRequest, "SubnetAllocationError",
                                      "Failed to allocate subnet: Unable to allocate subnet with prefix length \(length), minimum allowed prefix is \(pool.minPrefixLength), maximum allowed prefix is \(pool.maxPrefixLength).")
            }
            guard let free = PrefixAllocation.firstFree(length, in: pool.networks, used: used) else {
                throw NetworkingError(.conflict, "SubnetAllocationError",
                                      "Failed to allocate subnet: Insufficient prefix space to allocate subnet size /\(length).")
            }
            block = free
        }
        guard (pool.minPrefixLength...pool.maxPrefixLength).contains(block.prefixLength) else {
            throw NetworkingError(.badRequest, "SubnetAllocationError",
                                  "Failed to allocate subnet: Unable to allocate subnet with prefix length \(block.prefixLength), minimum allowed prefix is \(pool.minPrefixLength), maximum allowed prefix is \(pool.maxPrefixLength).")
        }
        if let quota = pool.defaultQuota {
            // IPv4 counts addresses; IPv6 counts /64s.
            func size(_ n: IPNetwork) -> UInt128 {
                let shift = pool.ipVersion == 4 ? 32 - n.prefixLength : max(0, 64 - n.prefixLength)
                return shift >= 127 ? .max : UInt128(1) << shift
            }
            let mine = state.subnets.values.filter { $0.subnetPoolID == pool.id && $0.projectID == project }
            let total = mine.reduce(size(block)) { IPAvailability.add($0, size($1.network)) }
            if total > UInt128(quota) {
                throw .conflict("SubnetPoolQuotaExceeded", "Per-tenant subnet pool prefix quota exceeded.")
            }
        }
        return block
    }
}

extension NetworkingState {
    func canSee(_ p: SubnetPool, _ auth: AuthContext) -> Bool { auth.isAdmin || p.projectID == auth.projectID || p.shared }

    func visibleSubnetPool(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> SubnetPool {
        guard let p = subnetPools[id], canSee(p, auth) else { throw .notFound(.subnetPool, id) }
        return p
    }
}
