public import Logging
public import OpenStackAPI

/// The compute API service: loads its records, then serves the Nova v2.1 subset and the agents' channel until
/// cancelled, expiring builds whose vif-plugged events never came.
public struct ComputeService: Sendable {
    /// How the service is set up.
    public let configuration: ComputeConfiguration
    private let validator: any TokenValidator

    /// A service validating tokens with `validator` (a caching remote validator in production).
    public init(configuration: ComputeConfiguration, validator: any TokenValidator) {
        self.configuration = configuration
        self.validator = validator
    }

    /// Serves until cancelled; `onReady` gets the bound port.
    public func run(logger: Logger = Logger(label: "ovnstack.compute"), onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let client = ServiceClient(token: configuration.serviceToken)
        let drivers = Drivers(images: ImageClient(client: client, imageURL: configuration.imageURL),
                              networks: NetworkClient(client: client, networkURL: configuration.networkURL),
                              agents: AgentClient(client: client))
        let store = try ComputeStore(directory: configuration.stateDirectory, agents: drivers.agents, logger: logger)
        let api = ComputeAPI(store: store, drivers: drivers)
        let app = APIServer.application(router: api.router(validator: validator), address: configuration.listen, logger: logger) { port in
            await onReady(port)
        }
        let timeout = configuration.vifPluggingTimeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(min(5, max(timeout / 4, 0.5))))
                    try? await store.expirePlugging(timeout: timeout)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
