import NIOCore
import NIOHTTP1

/// One guest connection's HTTP/1.1 exchange: collects a request (head and body, at most `bodyLimit` bytes),
/// hands it with the TCP peer's address to the responder, writes the answer, and keeps the connection open
/// when the guest asked for keep-alive. The server pipeline's helper orders pipelined requests.
final class ProxyHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The largest body accepted (a password POST is 256 bytes; Neutron reads 4 KiB).
    static let bodyLimit = 64 * 1024

    private let responder: ProxyResponder
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false

    init(responder: @escaping ProxyResponder) { self.responder = responder }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.clear()
            tooLarge = false
        case .body(var chunk):
            if body.readableBytes + chunk.readableBytes > Self.bodyLimit { tooLarge = true } else { body.writeBuffer(&chunk) }
        case .end:
            guard let head else { return }
            self.head = nil
            if tooLarge {
                write(.text(413, "Request body larger than \(Self.bodyLimit) bytes"), for: head, context: context)
                return
            }
            let client = context.channel.remoteAddress?.ipAddress ?? ""
            let request = ProxyRequest(method: head.method.rawValue, uri: head.uri, body: body, client: client)
            let responder = self.responder
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let promise = context.eventLoop.makePromise(of: ProxyResponse.self)
            promise.completeWithTask { await responder(request) }
            promise.futureResult.whenSuccess { response in
                let (handler, context) = bound.value
                handler.write(response, for: head, context: context)
            }
        }
    }

    private func write(_ response: ProxyResponse, for request: HTTPRequestHead, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        if let type = response.contentType { headers.add(name: "Content-Type", value: type) }
        headers.add(name: "Content-Length", value: String(response.body.readableBytes))
        let keepAlive = request.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        if request.method != .HEAD { context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil) }
        let done = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: done)
        if !keepAlive {
            let channel = context.channel
            done.futureResult.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
