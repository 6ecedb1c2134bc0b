public import Foundation
public import OpenStackAPI

/// Everything the identity service needs to start.
public struct IdentityConfiguration: Sendable {
    /// Directory of the database and the generated password files.
    public var stateDirectory: URL
    /// Where to listen (loopback by default; port 0 picks a free one).
    public var listen: ListenAddress
    /// Host written into public catalog endpoints (default: the listen host).
    public var publicEndpointHost: String?
    /// Host written into internal and admin endpoints (default: the public host).
    public var internalEndpointHost: String?
    /// Catalog region.
    public var region: String
    /// Services besides identity put into the catalog at bootstrap.
    public var services: [CatalogService]
    /// PBKDF2 work factor; keep the default outside tests.
    public var passwordIterations: Int
    /// Lifetime of new tokens in seconds.
    public var tokenLifetime: TimeInterval
    /// Admin password for bootstrap; generated when nil.
    public var adminPassword: String?
    /// Demo user password for bootstrap; generated when nil.
    public var demoPassword: String?

    /// A configuration with production defaults (600,000 PBKDF2 rounds, 1 h tokens).
    public init(stateDirectory: URL, listen: ListenAddress, publicEndpointHost: String? = nil, internalEndpointHost: String? = nil,
                region: String = "RegionOne", services: [CatalogService] = CatalogService.standard,
                passwordIterations: Int = 600_000, tokenLifetime: TimeInterval = 3600,
                adminPassword: String? = nil, demoPassword: String? = nil) {
        self.stateDirectory = stateDirectory
        self.listen = listen
        self.publicEndpointHost = publicEndpointHost
        self.internalEndpointHost = internalEndpointHost
        self.region = region
        self.services = services
        self.passwordIterations = passwordIterations
        self.tokenLifetime = tokenLifetime
        self.adminPassword = adminPassword
        self.demoPassword = demoPassword
    }

    /// The host of public endpoints and auth URLs: the configured one, else the listen host (127.0.0.1 for a wildcard).
    public var resolvedPublicHost: String {
        publicEndpointHost ?? (["0.0.0.0", "::", ""].contains(listen.host) ? "127.0.0.1" : listen.host)
    }

    /// For tests only: a low PBKDF2 work factor so a test suite does not spend minutes hashing.
    public static func testing(stateDirectory: URL, passwordIterations: Int = 1_000, tokenLifetime: TimeInterval = 3600) -> IdentityConfiguration {
        IdentityConfiguration(stateDirectory: stateDirectory, listen: ListenAddress(host: "127.0.0.1", port: 0),
                              passwordIterations: passwordIterations, tokenLifetime: tokenLifetime)
    }
}
