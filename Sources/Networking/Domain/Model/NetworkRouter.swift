/// A router: interfaces are ports (`network:router_interface`) with `device_id` = the router's id; the
/// external gateway is a `network:router_gateway` port on an external network.
struct NetworkRouter: Codable, Sendable, Hashable {
    struct Gateway: Codable, Sendable, Hashable {
        var networkID: String
        var portID: String
        var enableSNAT: Bool
        /// Gateway chassis by priority, highest first (leastloaded scheduling, kept across restarts).
        var chassis: [String]
    }

    struct Route: Codable, Sendable, Hashable {
        var destination: String
        var nexthop: String
    }

    var id: String
    var projectID: String
    var name: String
    var adminStateUp: Bool
    var gateway: Gateway?
    var routes: [Route]
    var availabilityZoneHints: [String]
    var std: StandardAttributes
}

/// A floating IP: an address of an external network held by a `network:floatingip` port, NATed to a
/// fixed IP of a port behind a router with a gateway on that network.
struct FloatingIP: Codable, Sendable, Hashable {
    var id: String
    var projectID: String
    var networkID: String
    var address: String
    /// The `network:floatingip` port holding the address.
    var holderPortID: String
    var portID: String?
    var fixedIP: String?
    var routerID: String?
    var std: StandardAttributes

    var status: String { portID == nil ? "DOWN" : "ACTIVE" }
}
