import NIOCore

/// Receives monitor updates on the connection's event loop, in the order the server sent them.
public protocol MonitorSink: Sendable {
    /// Applies a `<table-updates2>` object; `lastTxnID` comes with `update3`.
    func apply(updates: JSON, lastTxnID: String?) throws
}

/// A notification from the server that is not a monitor update (`locked`, `stolen`, unknown ones).
public struct RPCNotification: Sendable {
    public let method: String
    public let params: [JSON]
}

/// Consumes a reply's result on the event loop, before any later message is handled.
public typealias ReplyHandler = @Sendable (consuming JSON) throws -> Void

/// What the client asks the RPC handler to send.
enum RPCOutbound: Sendable {
    /// A request whose reply completes `promise`; `onReply` runs on the event loop before later messages.
    /// When `onReply` is given it consumes the result and the promise gets `null`.
    case call(id: Int, method: String, params: [JSON], promise: EventLoopPromise<JSON>, onReply: ReplyHandler?)
    /// A message without reply.
    case notify(method: String, params: [JSON])
    /// Sends `cancel` for a request and fails it with `CancellationError` (ovsdb-server does not answer a cancelled request).
    case cancel(id: Int)
}
