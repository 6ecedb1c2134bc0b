import Logging
public import NIOCore

/// How an `OVSDBClient` connects, probes and reconnects.
public struct ClientOptions: Sendable {
    /// Silence after which an echo is sent; twice this closes the connection. nil disables probing.
    public var probeInterval: TimeAmount? = .seconds(5)
    /// First and longest wait between reconnect attempts (doubling in between).
    public var reconnectBackoff: (first: Duration, longest: Duration) = (.milliseconds(100), .seconds(4))
    /// Only use a clustered database's leader, as ovn-northd and Neutron do.
    public var leaderOnly = true
    /// How long a request waits for a connection while reconnecting before it fails.
    public var connectWait: Duration = .seconds(30)
    /// How long one connection attempt may take.
    public var connectTimeout: TimeAmount = .seconds(5)
    /// Where connection changes are logged.
    public var logger = Logger(label: "ovsdb")

    public init() {}
}

/// A change of the client's connection, for callers that show or react to it.
public enum ConnectionEvent: Sendable, Equatable {
    case connected(Endpoint)
    case disconnected(Endpoint)
}

/// A lock's state change notified by the server (`locked`, `stolen`).
public enum LockEvent: Sendable, Equatable {
    case locked(String)
    case stolen(String)
}
