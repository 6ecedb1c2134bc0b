import OpenStackAPI
import Synchronization

/// Each resource's serialised JSON, kept while the resource is unchanged, so that a large list is answered by
/// concatenating bytes instead of rendering and serialising every item again. An entry is used only when the
/// resource equals the one it was rendered from; entries of resources that went are pruned as the cache grows.
final class RenderCache<Resource: Equatable & Sendable>: Sendable {
    private struct Entry {
        var resource: Resource
        var bytes: [UInt8]
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let render: @Sendable (Resource) -> JSONObject

    /// A cache of `render`'s output.
    init(render: @escaping @Sendable (Resource) -> JSONObject) { self.render = render }

    /// The serialised form of `resource` (rendered now if the cached one is missing or stale).
    func bytes(_ id: String, _ resource: Resource) -> [UInt8] {
        if let hit = entries.withLock({ $0[id] }), hit.resource == resource { return hit.bytes }
        let bytes = JSON.object(render(resource)).bytes
        entries.withLock { $0[id] = Entry(resource: resource, bytes: bytes) }
        return bytes
    }

    /// Drops entries whose resource is gone, once the cache holds twice as many as there are (`live` answers).
    func prune(liveCount: Int, isLive: (String) -> Bool) {
        entries.withLock { entries in
            guard entries.count > 2 * liveCount + 64 else { return }
            entries = entries.filter { isLive($0.key) }
        }
    }
}
