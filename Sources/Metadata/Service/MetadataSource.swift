/// Where the API gets instances and stores passwords: the cache in front of compute, and the rule that a
/// password is set once (concurrent posts for one instance are serialized: the second one gets 409).
actor MetadataSource {
    private let cache: InstanceCache
    private let compute: ComputeMetadataClient
    private var posting: Set<String> = []

    init(compute: ComputeMetadataClient, cacheLifetime: Duration) {
        self.compute = compute
        cache = InstanceCache(compute: compute, lifetime: cacheLifetime)
    }

    /// The instance (cached briefly), nil when compute does not know it.
    func instance(_ id: String) async throws(MetadataError) -> InstanceMetadata? {
        try await cache.instance(id)
    }

    /// Stores the first password of an instance: 409 when one is set (checked on fresh data) or being set.
    func postPassword(_ id: String, _ password: String) async throws(MetadataError) {
        guard !posting.contains(id) else { throw .passwordExists }
        posting.insert(id)
        defer { posting.remove(id) }
        guard let current = try await cache.instance(id, fresh: true) else { throw .notFound }
        guard current.password.isEmpty else { throw .passwordExists }
        try await compute.setPassword(id, password)
        await cache.forget(id)
    }
}
