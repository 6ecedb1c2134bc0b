import Foundation

/// Who is calling, as established from a validated token.
public struct AuthContext: Sendable, Equatable {
    /// User id.
    public var userID: String
    /// User name.
    public var userName: String
    /// The user's domain id.
    public var userDomainID: String
    /// Project scope, if project-scoped.
    public var projectID: String?
    /// Project name, if project-scoped.
    public var projectName: String?
    /// The scoped project's domain id, if project-scoped.
    public var projectDomainID: String?
    /// Domain scope, if domain-scoped.
    public var domainID: String?
    /// Whether the token is system-scoped (`{"system": {"all": true}}`).
    public var system: Bool
    /// Effective role names (implied roles expanded).
    public var roles: [String]
    /// Expiry of the token.
    public var expiresAt: Date

    /// A context from its parts.
    public init(userID: String, userName: String, userDomainID: String, projectID: String? = nil, projectName: String? = nil,
                projectDomainID: String? = nil, domainID: String? = nil, system: Bool = false, roles: [String], expiresAt: Date) {
        self.userID = userID
        self.userName = userName
        self.userDomainID = userDomainID
        self.projectID = projectID
        self.projectName = projectName
        self.projectDomainID = projectDomainID
        self.domainID = domainID
        self.system = system
        self.roles = roles
        self.expiresAt = expiresAt
    }
}
