import Foundation

/// Caches another validator's answers for a short time, so revocation is honoured within `ttl` seconds.
public actor CachingTokenValidator: TokenValidator {
    private let upstream: any TokenValidator
    private let ttl: TimeInterval
    private let capacity: Int
    private var entries: [String: (context: AuthContext, until: Date)] = [:]

    /// Wraps `upstream`; entries live `ttl` seconds (never past token expiry), at most `capacity` of them.
    public init(upstream: any TokenValidator, ttl: TimeInterval = 30, capacity: Int = 10_000) {
        self.upstream = upstream
        self.ttl = ttl
        self.capacity = capacity
    }

    public func validate(_ token: String) async throws -> AuthContext? {
        let now = Date()
        if let hit = entries[token], hit.until > now { return hit.context }
        guard let context = try await upstream.validate(token) else {
            entries[token] = nil
            return nil
        }
        if entries.count >= capacity { entries = entries.filter { $0.value.until > now } }
        if entries.count < capacity { entries[token] = (context, min(now.addingTimeInterval(ttl), context.expiresAt)) }
        return context
    }

    /// Forgets `token` (call after revoking it locally).
    public func forget(_ token: String) { entries[token] = nil }

    /// Forgets every cached validation.
    public func flush() { entries.removeAll() }
}
