/// A parsed `POST /v3/auth/tokens` body.
struct AuthRequest: Sendable {
    /// How the user names themself in the password method.
    enum UserRef: Sendable { case id(String), name(String, domain: DomainRef) }
    /// A domain by id or name.
    enum DomainRef: Sendable { case id(String), name(String) }
    /// The requested scope.
    enum Scope: Sendable { case none, project(ProjectRef), domain(DomainRef), system }
    /// A project by id or by name in a domain.
    enum ProjectRef: Sendable { case id(String), name(String, domain: DomainRef) }

    var methods: [String]
    var password: (user: UserRef, password: String)?
    var token: String?
    var scope: Scope
}
