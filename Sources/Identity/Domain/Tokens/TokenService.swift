import Foundation
import OpenStackAPI

/// Issues, validates (with an in-memory cache) and revokes tokens; the database stays the source of truth.
actor TokenService {
    private let store: IdentityStore
    private let lifetime: TimeInterval
    private var cache: [String: ResolvedToken] = [:]
    private var cachedCatalog: Catalog?

    init(store: IdentityStore, lifetime: TimeInterval) {
        self.store = store
        self.lifetime = lifetime
    }

    /// Issues a token for `userID` on `scope`; nil when the user has no role there (the caller answers 401).
    func issue(userID: String, scope: TokenScope, methods: [String], parentAuditID: String?, expiresAt: Date?) async throws
        -> (value: String, token: ResolvedToken)?
    {
        let value = SecureRandom.token()
        let now = Date()
        var row = TokenRow(hash: SecureRandom.sha256Hex(value), userId: userID, projectId: nil, domainId: nil, system: false,
                           methods: methods.joined(separator: ","),
                           auditIds: ([Self.auditID()] + (parentAuditID.map { [$0] } ?? [])).joined(separator: ","),
                           issuedAt: now.timeIntervalSince1970.rounded(.down),
                           expiresAt: (expiresAt ?? now.addingTimeInterval(lifetime)).timeIntervalSince1970.rounded(.down),
                           revoked: false)
        switch scope {
        case .unscoped: break
        case .project(let id): row.projectId = id
        case .domain(let id): row.domainId = id
        case .system: row.system = true
        }
        let stored = row
        let resolved = try await store.write { tx -> ResolvedToken? in
            guard let resolved = try TokenResolver.resolve(stored, now: now, in: tx) else { return nil }
            try tx.insert(stored)
            return resolved
        }
        guard let resolved else { return nil }
        remember(row.hash, resolved)
        return (value, resolved)
    }

    /// The token behind `value` if it is valid now.
    func resolve(_ value: String) async throws -> ResolvedToken? {
        let hash = SecureRandom.sha256Hex(value)
        let now = Date()
        if let hit = cache[hash] {
            if hit.row.expiresAt > now.timeIntervalSince1970 { return hit }
            cache[hash] = nil
            return nil
        }
        let resolved = try await store.read { tx -> ResolvedToken? in
            guard let row = try tx.token(hash) else { return nil }
            return try TokenResolver.resolve(row, now: now, in: tx)
        }
        if let resolved { remember(hash, resolved) }
        return resolved
    }

    /// Caches a validation, keeping the cache bounded (expired entries go first, then everything).
    private func remember(_ hash: String, _ token: ResolvedToken) {
        if cache.count >= Self.cacheCapacity {
            let now = Date().timeIntervalSince1970
            cache = cache.filter { $0.value.row.expiresAt > now }
            if cache.count >= Self.cacheCapacity { cache.removeAll() }
        }
        cache[hash] = token
    }

    private static let cacheCapacity = 50_000

    /// Revokes the token behind `value`; false when it was not valid.
    func revoke(_ value: String) async throws -> Bool {
        guard try await resolve(value) != nil else { return false }
        let hash = SecureRandom.sha256Hex(value)
        cache[hash] = nil
        try await store.write { tx in try tx.revokeToken(hash) }
        return true
    }

    /// Revokes every token of `userID` (password change, user disabled or deleted).
    func revokeAll(userID: String) async throws {
        try await store.write { tx in try tx.revokeTokens(userID: userID) }
        flush()
    }

    /// Drops cached validations after any change to users, projects, domains, roles or assignments.
    func flush() {
        cache.removeAll()
    }

    /// Drops the cached catalog after a change to services, endpoints or regions.
    func flushCatalog() {
        cachedCatalog = nil
    }

    /// The catalog as it appears in token bodies: enabled services and their enabled endpoints.
    func catalog() async throws -> Catalog {
        if let cachedCatalog { return cachedCatalog }
        let catalog = try await store.read { tx in
            let (services, endpoints) = try tx.enabledCatalog()
            return Catalog(services: services, endpoints: endpoints)
        }
        cachedCatalog = catalog
        return catalog
    }

    /// Deletes rows of tokens expired for more than a day.
    func purgeExpired() async throws {
        let cutoff = Date().addingTimeInterval(-86_400).timeIntervalSince1970
        try await store.write { tx in try tx.deleteTokens(expiredBefore: cutoff) }
    }

    private static func auditID() -> String { String(SecureRandom.token().prefix(22)) }
}
