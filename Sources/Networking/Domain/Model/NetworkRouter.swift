/// A router: interfaces are ports (`network:router_interface`) with `device_id` = the router's id; the
/// external gateway is a `network:router_gateway` port on an external network.
public struct NetworkRouter: Codable, Sendable, Hashable {
    public struct Gateway: Codable, Sendable, Hashable {
        public var networkID: String
        public var portID: String
        public var enableSNAT: Bool
        /// Gateway chassis by priority, highest first (leastloaded scheduling, kept across restarts).
        public var chassis: [String]
    }

    public struct Route: Codable, Sendable, Hashable {
        public var destination: String
        public var nexthop: String
    }

    public var id: String
    public var projectID: String
    public var name: String
    public var adminStateUp: Bool
    public var gateway: Gateway?
    public var routes: [Route]
    public var availabilityZoneHints: [String]
    public var std: StandardAttributes
}

/// A floating IP: an address of an external network held by a `network:floatingip` port, NATed to a
/// fixed IP of a port behind a router with a gateway on that network.
public struct FloatingIP: Codable, Sendable, Hashable {
    public var id: String
    public var projectID: String
    public var networkID: String
    public var address: String
    /// The `network:floatingip` port holding the address.
    public var holderPortID: String
    public var portID: String?
    public var fixedIP: String?
    public var routerID: String?
    public var std: StandardAttributes

    public var status: String { portID == nil ? "DOWN" : "ACTIVE" }
}
