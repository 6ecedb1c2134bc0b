import NIOCore
import NIOEmbedded
import Testing
@testable import OVSDB

/// The inactivity probe and the server's echo, driven byte by byte on an embedded channel.
@Suite struct ProbeTests {
    private func channel() throws -> EmbeddedChannel {
        let (_, continuation) = AsyncStream.makeStream(of: RPCNotification.self)
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(JSONStreamDecoder()))
        try channel.pipeline.syncOperations.addHandler(RPCHandler(notifications: continuation, monitors: MonitorRoutes()))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 6641)).wait()
        return channel
    }

    private func written(_ channel: EmbeddedChannel) throws -> JSON? {
        guard let buffer = try channel.readOutbound(as: ByteBuffer.self) else { return nil }
        return try JSONParser.parse(Array(buffer.readableBytesView))
    }

    @Test func answersTheServersEcho() throws {
        let channel = try channel()
        try channel.writeInbound(ByteBuffer(string: #"{"method":"echo","params":["x"],"id":"e1"}"#))
        let reply = try #require(try written(channel))
        #expect(reply["id"] == .string("e1"))
        #expect(reply["result"] == .array(["x"]))
    }

    @Test func probesWhenIdleAndClosesWhenStillSilent() throws {
        let channel = try channel()
        channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
        #expect(try written(channel)?["method"] == .string("echo"))
        #expect(channel.isActive)
        channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
        #expect(!channel.isActive)
    }

    @Test func anAnswerResetsTheProbe() throws {
        let channel = try channel()
        channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
        _ = try written(channel)
        try channel.writeInbound(ByteBuffer(string: #"{"id":"probe","result":[],"error":null}"#))
        channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
        #expect(channel.isActive)
    }

    @Test func failsOutstandingRequestsWhenTheConnectionCloses() throws {
        let channel = try channel()
        let promise = channel.eventLoop.makePromise(of: JSON.self)
        try channel.writeOutbound(RPCOutbound.call(id: 1, method: "transact", params: [], promise: promise, onReply: nil))
        _ = try channel.finish()
        #expect(throws: OVSDBError.connectionClosed) { try promise.futureResult.wait() }
    }
}
