public import Addressing

/// A subnet of a network, with the IPAM settings its addresses are allocated from.
public struct Subnet: Codable, Sendable, Hashable {
    public struct Pool: Codable, Sendable, Hashable {
        public var start: String
        public var end: String
    }

    public struct HostRoute: Codable, Sendable, Hashable {
        public var destination: String
        public var nexthop: String
    }

    public var id: String
    public var projectID: String
    public var networkID: String
    public var name: String
    public var ipVersion: Int
    public var cidr: String
    public var gatewayIP: String?
    public var enableDHCP: Bool
    public var allocationPools: [Pool]
    public var dnsNameservers: [String]
    public var hostRoutes: [HostRoute]
    public var ipv6RAMode: String?
    public var ipv6AddressMode: String?
    /// The MAC the OVN DHCP server answers from (`DHCP_Options.options:server_mac`), chosen once.
    public var dhcpServerMAC: String
    public var std: StandardAttributes

    /// The parsed CIDR (validated when the subnet was created).
    public var network: IPNetwork { IPNetwork(cidr)! }

    /// SLAAC and DHCPv6-stateless subnets derive addresses from the MAC (EUI-64) instead of allocating them.
    public var isAutoAddress: Bool { ipv6AddressMode == "slaac" || ipv6AddressMode == "dhcpv6-stateless" }
}
