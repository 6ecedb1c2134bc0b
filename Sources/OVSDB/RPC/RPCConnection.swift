import NIOCore
import NIOPosix
import Synchronization

/// One JSON-RPC connection to one OVSDB server.
public final class RPCConnection: Sendable {
    let channel: any Channel
    private let ids = Atomic<Int>(0)
    private let monitors: MonitorRoutes
    /// Notifications other than monitor updates; finishes when the connection closes.
    public let notifications: AsyncStream<RPCNotification>
    /// The server this connection reached.
    public let endpoint: Endpoint

    private init(channel: any Channel, endpoint: Endpoint, notifications: AsyncStream<RPCNotification>, monitors: MonitorRoutes) {
        self.channel = channel
        self.monitors = monitors
        self.endpoint = endpoint
        self.notifications = notifications
    }

    /// Connects; `probeInterval` sends an echo after that much silence and closes after twice that.
    public static func connect(
        to endpoint: Endpoint, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        probeInterval: TimeAmount? = .seconds(5), connectTimeout: TimeAmount = .seconds(5)
    ) async throws -> RPCConnection {
        let (stream, continuation) = AsyncStream.makeStream(of: RPCNotification.self)
        let routes = MonitorRoutes()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let probeInterval { try sync.addHandler(IdleStateHandler(readTimeout: probeInterval)) }
                    try sync.addHandler(ByteToMessageHandler(JSONStreamDecoder()))
                    try sync.addHandler(RPCHandler(notifications: continuation, monitors: routes))
                }
            }
        let channel: any Channel
        do {
            switch endpoint {
            case .unix(let path): channel = try await bootstrap.connect(unixDomainSocketPath: path).get()
            case .tcp(let host, let port): channel = try await bootstrap.connect(host: host, port: port).get()
            }
        } catch {
            continuation.finish()
            throw OVSDBError.unreachable("\(endpoint): \(error)")
        }
        return RPCConnection(channel: channel, endpoint: endpoint, notifications: stream, monitors: routes)
    }

    /// Sends a request and waits for its reply. Cancelling the task sends `cancel` for it.
    public func call(_ method: String, _ params: [JSON], onReply: ReplyHandler? = nil) async throws -> JSON {
        let id = ids.add(1, ordering: .relaxed).newValue
        let promise = channel.eventLoop.makePromise(of: JSON.self)
        channel.writeAndFlush(RPCOutbound.call(id: id, method: method, params: params, promise: promise, onReply: onReply))
            .whenFailure { promise.fail($0 is ChannelError ? OVSDBError.connectionClosed : $0) }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            self.channel.writeAndFlush(RPCOutbound.cancel(id: id), promise: nil)
        }
    }

    /// Sends a message that has no reply.
    public func notify(_ method: String, _ params: [JSON]) {
        channel.writeAndFlush(RPCOutbound.notify(method: method, params: params), promise: nil)
    }

    /// Routes updates of `monitorID` to `sink` (before the monitor request is sent).
    func route(_ monitorID: String, to sink: (any MonitorSink)?) {
        monitors[monitorID] = sink
    }

    /// Whether the connection is still open.
    public var isActive: Bool { channel.isActive }

    /// Completes when the connection has closed.
    public var closed: EventLoopFuture<Void> { channel.closeFuture }

    /// Closes the connection; outstanding requests fail with `connectionClosed`.
    public func close() async {
        try? await channel.close()
    }
}
