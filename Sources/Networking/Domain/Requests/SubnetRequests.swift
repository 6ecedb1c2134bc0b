import Addressing

/// `POST /v2.0/subnets`, typed; addresses are parsed, their fit with the subnet is the domain's to check.
struct SubnetCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var networkID: String?
    var name: String?
    var description: String?
    /// 4 or 6 (the API refuses anything else).
    var ipVersion: Int?
    var cidr: String?
    /// Left out: the first host address; null: no gateway.
    var gatewayIP: Sent<IPAddress> = .absent
    var enableDHCP: Bool?
    var allocationPools: [AddressRange]?
    var dnsNameservers: [String]?
    var hostRoutes: [HostRouteRequest]?
    var ipv6RAMode: String?
    var ipv6AddressMode: String?
    var subnetPoolID: String?
    /// The size of a CIDR taken from the pool (its default when nil).
    var prefixLength: Int?
    /// `default-subnetpools`: take the CIDR from the default pool of the IP version.
    var useDefaultSubnetPool: Bool?
    /// `service_types` (empty: none).
    var serviceTypes: [String]?
    /// `dns_publish_fixed_ip`.
    var dnsPublishFixedIP: Bool?

    /// An empty request.
    init() {}
}

/// `PUT /v2.0/subnets/{id}`, typed.
struct SubnetUpdate: Sendable, Equatable {
    var name: String?
    var description: String?
    var gatewayIP: Sent<IPAddress> = .absent
    var enableDHCP: Bool?
    var allocationPools: [AddressRange]?
    var dnsNameservers: [String]?
    var hostRoutes: [HostRouteRequest]?
    /// `service_types` (empty: none).
    var serviceTypes: [String]?
    /// `dns_publish_fixed_ip`.
    var dnsPublishFixedIP: Bool?

    /// An empty update.
    init() {}
}

/// An allocation pool as sent: first and last address.
struct AddressRange: Sendable, Equatable {
    var start: IPAddress
    var end: IPAddress

    /// A range from its ends.
    init(start: IPAddress, end: IPAddress) {
        self.start = start
        self.end = end
    }
}

/// A host route as sent.
struct HostRouteRequest: Sendable, Equatable {
    var destination: IPNetwork
    var nexthop: IPAddress

    /// A route from its parts.
    init(destination: IPNetwork, nexthop: IPAddress) {
        self.destination = destination
        self.nexthop = nexthop
    }
}
