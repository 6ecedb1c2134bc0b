public import Logging
public import OpenStackAPI

/// The image service: loads the image records, then serves the Image API v2 until cancelled.
public struct ImageService: Sendable {
    /// How the service is set up.
    public let configuration: ImageConfiguration
    private let validator: any TokenValidator

    /// A service validating tokens with `validator` (a caching remote validator in production).
    public init(configuration: ImageConfiguration, validator: any TokenValidator) {
        self.configuration = configuration
        self.validator = validator
    }

    /// Serves until cancelled; `onReady` gets the bound port.
    public func run(logger: Logger = Logger(label: "ovnstack.image"), onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let files = try ImageFiles(directory: configuration.stateDirectory.appendingPathComponent("images"))
        let store = try ImageStore(directory: configuration.stateDirectory, files: files, logger: logger)
        let api = ImageAPI(store: store, maxImageSize: configuration.maxImageSize)
        let app = APIServer.application(router: api.router(validator: validator), address: configuration.listen, logger: logger) { port in
            await onReady(port)
        }
        try await app.run()
    }
}
