import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP server of one metadata namespace: NIO adopts the socket `NamespaceSocket` made inside it, and each
/// guest connection gets the HTTP/1.1 pipeline with a `ProxyHTTPHandler`.
struct ProxyListener: Sendable {
    /// The server channel (closing it stops listening; connections in flight finish on their own).
    let channel: any Channel

    /// Serves `responder` on the listening socket `descriptor` (which the listener then owns).
    static func start(descriptor: Int32, responder: @escaping ProxyResponder,
                      group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> ProxyListener {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 128)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ProxyHTTPHandler(responder: responder))
                }
            }
        return ProxyListener(channel: try await bootstrap.withBoundSocket(descriptor).get())
    }

    /// Stops listening.
    func close() async {
        try? await channel.close()
    }
}
