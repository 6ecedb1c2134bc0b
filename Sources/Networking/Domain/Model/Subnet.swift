import Addressing

/// A subnet of a network, with the IPAM settings its addresses are allocated from.
struct Subnet: Codable, Sendable, Hashable {
    struct Pool: Codable, Sendable, Hashable {
        var start: String
        var end: String
    }

    struct HostRoute: Codable, Sendable, Hashable {
        var destination: String
        var nexthop: String
    }

    var id: String
    var projectID: String
    var networkID: String
    var name: String
    var ipVersion: Int
    var cidr: String
    var gatewayIP: String?
    var enableDHCP: Bool
    var allocationPools: [Pool]
    var dnsNameservers: [String]
    var hostRoutes: [HostRoute]
    var ipv6RAMode: String?
    var ipv6AddressMode: String?
    /// The MAC the OVN DHCP server answers from (`DHCP_Options.options:server_mac`), chosen once.
    var dhcpServerMAC: String
    var std: StandardAttributes
    /// The pool the CIDR was allocated from (`subnet_allocation`).
    var subnetPoolID: String? = nil
    /// `subnet-service-types`: the device owners whose ports take addresses from the subnet (nil or empty: any).
    var serviceTypes: [String]? = nil
    /// `subnet-dns-publish-fixed-ip`: whether an external DNS service would publish the fixed IPs (none here).
    var dnsPublishFixedIP: Bool? = nil

    /// The parsed CIDR (validated when the subnet was created).
    var network: IPNetwork { IPNetwork(cidr)! }

    /// SLAAC and DHCPv6-stateless subnets derive addresses from the MAC (EUI-64) instead of allocating them.
    var isAutoAddress: Bool { ipv6AddressMode == "slaac" || ipv6AddressMode == "dhcpv6-stateless" }
    /// The service types (none: the subnet serves any port).
    var services: [String] { serviceTypes ?? [] }

    /// Whether a port of `deviceOwner` may take an address from the subnet: any port when the subnet names no service
    /// types; DHCP and metadata ports whenever it has DHCP (as Neutron lets DHCP ports onto any service subnet).
    func serves(_ deviceOwner: String) -> Bool {
        guard !services.isEmpty else { return true }
        return services.contains(deviceOwner) || (enableDHCP && (deviceOwner == DeviceOwner.dhcp || deviceOwner == DeviceOwner.distributed))
    }

    /// Whether OVN's DHCP serves the subnet: DHCP on and, for IPv6, not SLAAC (ML2/OVN's `is_dhcp_options_ignored`).
    var hasDHCPOptions: Bool { enableDHCP && !(ipVersion == 6 && ipv6AddressMode == "slaac") }
}
