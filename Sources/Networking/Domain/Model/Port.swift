/// A port: a MAC and fixed IPs on a network, bound to a host, filtered by security groups.
struct Port: Codable, Sendable, Hashable {
    struct FixedIP: Codable, Sendable, Hashable {
        var subnetID: String
        var ipAddress: String
    }

    struct AddressPair: Codable, Sendable, Hashable {
        var ipAddress: String
        var macAddress: String
    }

    struct DHCPOption: Codable, Sendable, Hashable {
        var name: String
        var value: String
        var ipVersion: Int
    }

    var id: String
    var projectID: String
    var networkID: String
    var name: String
    var macAddress: String
    var adminStateUp: Bool
    /// `DOWN` until OVN reports the port up (`Logical_Switch_Port.up`), then `ACTIVE`.
    var status: String
    var deviceID: String
    var deviceOwner: String
    var fixedIPs: [FixedIP]
    var securityGroups: [String]
    var portSecurityEnabled: Bool
    var allowedAddressPairs: [AddressPair]
    var extraDHCPOpts: [DHCPOption]
    var hostID: String
    var vnicType: String
    /// `binding:profile` as JSON text.
    var profile: String
    var std: StandardAttributes
    /// `port-numa-affinity-policy`: `none`, `required`, `preferred` or `legacy` (nil: the flavor decides).
    var numaAffinityPolicy: String? = nil
    /// `port-device-profile`: the Cyborg device profile the port asks for.
    var deviceProfile: String? = nil
    /// `dns-integration`: the name the port's addresses go by (kept lowercased, as Neutron does); nil: none.
    var dnsName: String? = nil
    /// `dns-domain-ports`: the domain an external DNS service would publish the port in (none here).
    var dnsDomain: String? = nil
    /// `qos`: the port's own QoS policy (else its network's applies).
    var qosPolicyID: String? = nil
    /// `binding-extended`: bindings to other hosts, waiting to be activated (nil: none; older records have no key).
    var inactiveBindings: [PortBinding]? = nil

    /// The network's metadata port (`network:distributed`), an OVN localport.
    var isMetadata: Bool { deviceOwner == DeviceOwner.distributed }
    /// A router's interface or gateway port: a `router` LSP patched to a Logical_Router_Port.
    var isRouterPort: Bool { deviceOwner == DeviceOwner.routerInterface || deviceOwner == DeviceOwner.routerGateway }
}

/// `device_owner` values with a meaning to the networking service.
enum DeviceOwner {
    static let distributed = "network:distributed"
    static let routerInterface = "network:router_interface"
    static let routerGateway = "network:router_gateway"
    static let floatingIP = "network:floatingip"
    static let dhcp = "network:dhcp"

    /// Ports the service owns: they do not keep a network in use.
    static func isNetworkOwned(_ owner: String) -> Bool { owner == distributed || owner == dhcp }
}
