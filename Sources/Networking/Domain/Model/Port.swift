/// A port: a MAC and fixed IPs on a network, bound to a host, filtered by security groups.
public struct Port: Codable, Sendable, Hashable {
    public struct FixedIP: Codable, Sendable, Hashable {
        public var subnetID: String
        public var ipAddress: String
    }

    public struct AddressPair: Codable, Sendable, Hashable {
        public var ipAddress: String
        public var macAddress: String
    }

    public struct DHCPOption: Codable, Sendable, Hashable {
        public var name: String
        public var value: String
        public var ipVersion: Int
    }

    public var id: String
    public var projectID: String
    public var networkID: String
    public var name: String
    public var macAddress: String
    public var adminStateUp: Bool
    /// `DOWN` until OVN reports the port up (`Logical_Switch_Port.up`), then `ACTIVE`.
    public var status: String
    public var deviceID: String
    public var deviceOwner: String
    public var fixedIPs: [FixedIP]
    public var securityGroups: [String]
    public var portSecurityEnabled: Bool
    public var allowedAddressPairs: [AddressPair]
    public var extraDHCPOpts: [DHCPOption]
    public var hostID: String
    public var vnicType: String
    /// `binding:profile` as JSON text.
    public var profile: String
    public var std: StandardAttributes

    /// The network's metadata port (`network:distributed`), an OVN localport.
    public var isMetadata: Bool { deviceOwner == DeviceOwner.distributed }
    /// A router's interface or gateway port: a `router` LSP patched to a Logical_Router_Port.
    public var isRouterPort: Bool { deviceOwner == DeviceOwner.routerInterface || deviceOwner == DeviceOwner.routerGateway }
}

/// `device_owner` values with a meaning to the networking service.
public enum DeviceOwner {
    public static let distributed = "network:distributed"
    public static let routerInterface = "network:router_interface"
    public static let routerGateway = "network:router_gateway"
    public static let floatingIP = "network:floatingip"
    public static let dhcp = "network:dhcp"

    /// Ports the service owns: they do not keep a network in use.
    public static func isNetworkOwned(_ owner: String) -> Bool { owner == distributed || owner == dhcp }
}
