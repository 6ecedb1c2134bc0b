public import Logging
public import OpenStackAPI

/// The metadata service (nova-metadata): answers the guests' requests the metadata agents forward, after
/// checking the agents' signatures, with data it reads from the compute API as the service user.
public struct MetadataService: Sendable {
    /// How the service is set up.
    public let configuration: MetadataConfiguration
    private let token: ServiceToken

    /// A service calling compute with `token` (the admin service user's).
    public init(configuration: MetadataConfiguration, token: ServiceToken) {
        self.configuration = configuration
        self.token = token
    }

    /// Serves until cancelled; `onReady` gets the bound port.
    public func run(logger: Logger = Logger(label: "ovnstack.metadata"), onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let compute = ComputeMetadataClient(client: ServiceClient(token: token), computeURL: configuration.computeURL)
        let source = MetadataSource(compute: compute, cacheLifetime: configuration.cacheLifetime)
        let api = MetadataAPI(source: source, signature: configuration.sharedSecret)
        let app = APIServer.application(router: api.router(), address: configuration.listen, logger: logger) { port in
            await onReady(port)
        }
        try await app.run()
    }
}
