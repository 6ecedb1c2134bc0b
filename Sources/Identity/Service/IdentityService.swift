import Foundation
import Hummingbird
import Logging
import OpenStackAPI

/// The identity service: opens the database, serves the Keystone v3 subset and bootstraps on first start.
public struct IdentityService: Sendable {
    /// The configuration it was built with.
    public let configuration: IdentityConfiguration
    private let context: IdentityContext

    /// Opens (and migrates) the database in the state directory.
    public init(configuration: IdentityConfiguration) throws {
        self.configuration = configuration
        let store = try IdentityStore(directory: configuration.stateDirectory)
        context = IdentityContext(store: store, tokens: TokenService(store: store, lifetime: configuration.tokenLifetime),
                                  hasher: PasswordHasher(iterations: configuration.passwordIterations), region: configuration.region)
    }

    /// Serves until the task is cancelled; `onReady` gets the bound port and the bootstrap credentials.
    public func run(logger: Logger = Logger(label: "ovnstack.identity"),
                    onReady: @escaping @Sendable (Int, BootstrapCredentials) async -> Void = { _, _ in }) async throws {
        let bootstrapper = Bootstrapper(store: context.store, hasher: context.hasher, configuration: configuration)
        let tokens = context.tokens
        let app = APIServer.application(router: IdentityRouter.make(context), address: configuration.listen, logger: logger) { port in
            do {
                let credentials = try await bootstrapper.run(identityPort: port)
                try? await tokens.purgeExpired()
                await onReady(port, credentials)
            } catch {
                logger.critical("bootstrap failed", metadata: ["error": "\(error)"])
            }
        }
        try await app.run()
    }
}
