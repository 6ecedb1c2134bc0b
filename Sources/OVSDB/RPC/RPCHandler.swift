import NIOCore
import Synchronization

/// JSON-RPC 1.0 over one connection: matches replies to requests by id (many in flight),
/// answers the server's `echo`, probes an idle server, and routes monitor updates.
final class RPCHandler: ChannelDuplexHandler {
    typealias InboundIn = JSONDocument
    typealias OutboundIn = RPCOutbound
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        let method: String
        let promise: EventLoopPromise<JSON>
        let onReply: ReplyHandler?
    }

    private var pending: [Int: Pending] = [:]
    private var probeOutstanding = false
    private let notifications: AsyncStream<RPCNotification>.Continuation
    private let monitors: MonitorRoutes

    init(notifications: AsyncStream<RPCNotification>.Continuation, monitors: MonitorRoutes) {
        self.notifications = notifications
        self.monitors = monitors
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let message: JSON
        switch unwrapOutboundIn(data) {
        case .call(let id, let method, let params, let reply, let onReply):
            pending[id] = Pending(method: method, promise: reply, onReply: onReply)
            message = ["method": .string(method), "params": .array(params), "id": .int(id)]
        case .notify(let method, let params):
            message = ["method": .string(method), "params": .array(params), "id": .null]
        case .cancel(let id):
            guard let call = pending.removeValue(forKey: id) else {
                promise?.succeed()
                return
            }
            call.promise.fail(CancellationError())
            message = ["method": "cancel", "params": [.int(id)], "id": .null]
        }
        context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: message.bytes)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var message = unwrapInboundIn(data).take()
        probeOutstanding = false
        guard case .object(var members) = message else {
            context.fireErrorCaught(OVSDBError.protocolViolation("message is not an object: \(message)"))
            return
        }
        message = .null  // `members` is now the only owner of the document
        if let method = members["method"]?.string {
            handleRequest(context: context, method: method, params: members["params"]?.array ?? [], id: members["id"] ?? .null)
        } else if let id = members["id"] {
            let error = members["error"] ?? .null
            let result = members.removeValue(forKey: "result") ?? .null
            members = [:]
            handleReply(id: id, result: result, error: error)
        } else {
            context.fireErrorCaught(OVSDBError.protocolViolation("message is neither request nor reply"))
        }
    }

    private func handleRequest(context: ChannelHandlerContext, method: String, params: [JSON], id: JSON) {
        switch method {
        case "echo":
            let reply: JSON = ["id": id, "result": .array(params), "error": .null]
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: reply.bytes)), promise: nil)
        case "update2", "update3":
            guard let monitorID = params.first, let sink = monitors[monitorID.string ?? ""] else { return }
            let isUpdate3 = method == "update3"
            let updates = params.count > (isUpdate3 ? 2 : 1) ? params[isUpdate3 ? 2 : 1] : .object([:])
            do {
                try sink.apply(updates: updates, lastTxnID: isUpdate3 ? params[1].string : nil)
            } catch {
                context.fireErrorCaught(error)
            }
        default:
            notifications.yield(RPCNotification(method: method, params: params))
        }
    }

    private func handleReply(id: JSON, result: consuming JSON, error: JSON) {
        guard case .int(let number) = id, let call = pending.removeValue(forKey: number) else { return }  // probe replies
        if !error.isNull {
            let text = error.string ?? error["error"]?.string ?? error.text
            call.promise.fail(OVSDBError.rpc(method: call.method, error: text))
            return
        }
        guard let onReply = call.onReply else {
            call.promise.succeed(result)
            return
        }
        do {
            try onReply(result)
            call.promise.succeed(.null)
        } catch {
            call.promise.fail(error)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if probeOutstanding {
            // Nothing heard for two probe intervals: the server or the path is gone.
            context.close(promise: nil)
            return
        }
        probeOutstanding = true
        let probe: JSON = ["method": "echo", "params": [], "id": "probe"]
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: probe.bytes)), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let calls = pending.values
        pending.removeAll()
        for call in calls { call.promise.fail(OVSDBError.connectionClosed) }
        notifications.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

/// The monitor ids on one connection and who receives their updates.
final class MonitorRoutes: Sendable {
    private let sinks = Mutex<[String: any MonitorSink]>([:])

    subscript(id: String) -> (any MonitorSink)? {
        get { sinks.withLock { $0[id] } }
        set { sinks.withLock { $0[id] = newValue } }
    }
}
