import Foundation

/// Instances as last fetched from compute, each kept for a short time (nova's `metadata_cache_expiration`,
/// 15 s) so a guest's burst of requests costs one compute call. A password post forgets its instance at once.
actor InstanceCache {
    private let compute: ComputeMetadataClient
    private let lifetime: Duration
    private var entries: [String: (metadata: InstanceMetadata, fetched: ContinuousClock.Instant)] = [:]

    /// A cache in front of `compute`; `lifetime` zero disables it.
    init(compute: ComputeMetadataClient, lifetime: Duration) {
        self.compute = compute
        self.lifetime = lifetime
    }

    /// The instance, from the cache while fresh (`fresh` forces a compute call); nil when compute does not know it.
    func instance(_ id: String, fresh: Bool = false) async throws(MetadataError) -> InstanceMetadata? {
        let now = ContinuousClock.now
        if !fresh, let entry = entries[id], now - entry.fetched < lifetime { return entry.metadata }
        entries = entries.filter { now - $0.value.fetched < lifetime }
        guard let metadata = try await compute.instance(id) else {
            entries[id] = nil
            return nil
        }
        if lifetime > .zero { entries[id] = (metadata, now) }
        return metadata
    }

    /// Forgets an instance (its password changed).
    func forget(_ id: String) { entries[id] = nil }
}
