public import Hummingbird
public import Logging
import NIOCore

/// Builds the hummingbird application of an API service bound to a ``ListenAddress``.
public enum APIServer {
    /// An application for `router` on `address`; idle keep-alive connections close after `idleTimeoutSeconds`;
    /// `onRunning` receives the bound port (useful with port 0). Cancel the task running it to stop it.
    public static func application(
        router: Router<APIRequestContext>,
        address: ListenAddress,
        logger: Logger,
        idleTimeoutSeconds: Int64 = 60,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(idleTimeoutSeconds))),
            configuration: .init(address: .hostname(address.host, port: address.port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? address.port) },
            logger: logger
        )
    }
}
