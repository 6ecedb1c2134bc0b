import Foundation
import OpenStackAPI

/// Checks the credentials of an ``AuthRequest`` and issues the token; every failure is the same 401.
struct Authenticator: Sendable {
    let store: IdentityStore
    let tokens: TokenService
    let hasher: PasswordHasher

    func authenticate(_ request: AuthRequest) async throws -> (value: String, token: ResolvedToken) {
        var userID: String
        var methods = request.methods
        var parentAuditID: String?
        var expiresAt: Date?
        if let token = request.token, request.password == nil {
            guard let parent = try await tokens.resolve(token) else { throw IdentityError.unauthorized }
            userID = parent.user.id
            expiresAt = Date(timeIntervalSince1970: parent.row.expiresAt)
            parentAuditID = parent.row.auditIds.split(separator: ",").first.map(String.init)
            methods = ["token"] + parent.row.methods.split(separator: ",").map(String.init).filter { $0 != "token" }
        } else if let (ref, password) = request.password {
            userID = try await checkPassword(ref, password)
        } else {
            throw IdentityError.unauthorized
        }
        let scope = try await resolveScope(request.scope, userID: userID)
        guard let issued = try await tokens.issue(userID: userID, scope: scope, methods: methods,
                                                  parentAuditID: parentAuditID, expiresAt: expiresAt) else {
            throw IdentityError.unauthorized
        }
        return issued
    }

    private func checkPassword(_ ref: AuthRequest.UserRef, _ password: String) async throws -> String {
        let user = try await store.read { tx -> UserRow? in
            switch ref {
            case .id(let id): return try tx.user(id)
            case .name(let name, let domain):
                guard let domainID = try tx.domain(domain)?.id else { return nil }
                return try tx.users(named: name, inDomain: domainID).first
            }
        }
        guard let user, let hash = user.passwordHash else {
            hasher.burn(password)
            throw IdentityError.unauthorized
        }
        guard hasher.verify(password, against: hash), user.enabled else { throw IdentityError.unauthorized }
        return user.id
    }

    private func resolveScope(_ scope: AuthRequest.Scope, userID: String) async throws -> TokenScope {
        try await store.read { tx -> TokenScope in
            switch scope {
            case .none:
                // Like Keystone: a user with a default project gets a token scoped to it when they have a role there.
                guard let user = try tx.user(userID), let p = user.defaultProjectId,
                      try !TokenResolver.effectiveRoles(userID: userID, kind: "project", targetID: p, in: tx).isEmpty
                else { return .unscoped }
                return .project(p)
            case .system: return .system
            case .domain(let ref):
                guard let id = try tx.domain(ref)?.id else { throw IdentityError.unauthorized }
                return .domain(id)
            case .project(.id(let id)): return .project(id)
            case .project(.name(let name, let domainRef)):
                guard let domainID = try tx.domain(domainRef)?.id,
                      let p = try tx.projects(named: name, inDomain: domainID).first
                else { throw IdentityError.unauthorized }
                return .project(p.id)
            }
        }
    }
}
