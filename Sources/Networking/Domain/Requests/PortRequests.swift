import Addressing

/// `POST /v2.0/ports`, typed: the owner and network, and the attributes an update may change too.
@dynamicMemberLookup
struct PortCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var networkID: String?
    var attributes = PortUpdate()

    /// An empty request.
    init() {}

    subscript<T>(dynamicMember path: KeyPath<PortUpdate, T>) -> T { attributes[keyPath: path] }
}

/// `PUT /v2.0/ports/{id}`, typed (and the changeable part of a create).
struct PortUpdate: Sendable, Equatable {
    var name: String?
    var description: String?
    var adminStateUp: Bool?
    var macAddress: String?
    /// `mac_address: null` on an update: a new random MAC.
    var regenerateMAC = false
    /// Sent: the port's whole new list (an empty list removes every address).
    var fixedIPs: [FixedIPRequest]?
    var deviceID: String?
    var deviceOwner: String?
    var securityGroups: [String]?
    var portSecurityEnabled: Bool?
    var allowedAddressPairs: [AddressPairRequest]?
    /// Sent: on a create the port's options; on an update changes merged by name and IP version.
    var extraDHCPOpts: [DHCPOptionChange]?
    var hostID: String?
    var vnicType: String?
    /// Sent as null: no policy.
    var numaAffinityPolicy: Sent<String> = .absent
    /// Only on a create.
    var deviceProfile: String?
    /// `dns_name`, lowercased ("" removes it).
    var dnsName: String?
    /// `dns_domain` ("" removes it).
    var dnsDomain: String?
    /// `qos_policy_id` (null removes it).
    var qosPolicyID: Sent<String> = .absent
    /// `binding:profile` as JSON text (`{}` when sent as null).
    var profile: String?

    /// An empty update.
    init() {}
}

/// One `fixed_ips` entry: a subnet, an address, or both.
struct FixedIPRequest: Sendable, Equatable {
    var subnetID: String?
    var ipAddress: IPAddress?

    /// An entry from its parts (at least one is set).
    init(subnetID: String?, ipAddress: IPAddress?) {
        self.subnetID = subnetID
        self.ipAddress = ipAddress
    }
}

/// One `allowed_address_pairs` entry: an address or CIDR, and a MAC (the port's when left out).
struct AddressPairRequest: Sendable, Equatable {
    var ipAddress: String
    /// Normalised to lowercase.
    var macAddress: String?

    /// A pair from its parts.
    init(ipAddress: String, macAddress: String?) {
        self.ipAddress = ipAddress
        self.macAddress = macAddress
    }
}

/// One `extra_dhcp_opts` entry of a request: a value sets the option, a null value (on an update) removes it.
struct DHCPOptionChange: Sendable, Equatable {
    var name: String
    var value: String?
    var ipVersion: Int
}
