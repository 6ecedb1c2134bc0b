import Foundation
import GRDB
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
            guard let parent = try await tokens.resolve(token) else { throw APIError.unauthorized }
            userID = parent.user.id
            expiresAt = Date(timeIntervalSince1970: parent.row.expiresAt)
            parentAuditID = parent.row.auditIds.split(separator: ",").first.map(String.init)
            methods = ["token"] + parent.row.methods.split(separator: ",").map(String.init).filter { $0 != "token" }
        } else if let (ref, password) = request.password {
            userID = try await checkPassword(ref, password)
        } else {
            throw APIError.unauthorized
        }
        let scope = try await resolveScope(request.scope, userID: userID)
        guard let issued = try await tokens.issue(userID: userID, scope: scope, methods: methods,
                                                  parentAuditID: parentAuditID, expiresAt: expiresAt) else {
            throw APIError.unauthorized
        }
        return issued
    }

    private func checkPassword(_ ref: AuthRequest.UserRef, _ password: String) async throws -> String {
        let user = try await store.read { db -> UserRow? in
            switch ref {
            case .id(let id): return try UserRow.fetchOne(db, key: id)
            case .name(let name, let domain):
                guard let domainID = try Lookup.domainID(domain, in: db) else { return nil }
                return try UserRow.filter(Column("name") == name && Column("domainId") == domainID).fetchOne(db)
            }
        }
        guard let user, let hash = user.passwordHash else {
            hasher.burn(password)
            throw APIError.unauthorized
        }
        guard hasher.verify(password, against: hash), user.enabled else { throw APIError.unauthorized }
        return user.id
    }

    private func resolveScope(_ scope: AuthRequest.Scope, userID: String) async throws -> TokenScope {
        try await store.read { db -> TokenScope in
            switch scope {
            case .none:
                // Like Keystone: a user with a default project gets a token scoped to it when they have a role there.
                guard let user = try UserRow.fetchOne(db, key: userID), let p = user.defaultProjectId,
                      try !TokenResolver.effectiveRoles(userID: userID, kind: "project", targetID: p, in: db).isEmpty
                else { return .unscoped }
                return .project(p)
            case .system: return .system
            case .domain(let ref):
                guard let id = try Lookup.domainID(ref, in: db) else { throw APIError.unauthorized }
                return .domain(id)
            case .project(.id(let id)): return .project(id)
            case .project(.name(let name, let domainRef)):
                guard let domainID = try Lookup.domainID(domainRef, in: db),
                      let p = try ProjectRow.filter(Column("name") == name && Column("domainId") == domainID).fetchOne(db)
                else { throw APIError.unauthorized }
                return .project(p.id)
            }
        }
    }
}

/// Name and id lookups shared by authentication and routes.
enum Lookup {
    static func domainID(_ ref: AuthRequest.DomainRef, in db: Database) throws -> String? {
        switch ref {
        case .id(let id): try DomainRow.fetchOne(db, key: id)?.id
        case .name(let name): try DomainRow.filter(Column("name") == name).fetchOne(db)?.id
        }
    }
}
