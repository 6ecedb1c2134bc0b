/// What the Northbound should hold for one resource. The sync turns a list of intents into one
/// transaction by comparing them with its replica, so the same intents create, update and repair.
enum NBIntent: Sendable, Hashable {
    case logicalSwitch(SwitchSpec)
    case switchPort(SwitchPortSpec)
    case dhcpOptions(DHCPOptionsSpec)
    case portGroup(PortGroupSpec)
    case removeSwitch(name: String)
    case removeSwitchPort(name: String)
    case removeDHCPOptions(subnetID: String)
    case removePortGroup(name: String)
    case logicalRouter(RouterSpec)
    case routerPort(RouterPortSpec)
    case removeRouter(name: String)
    case removeRouterPort(name: String)
    case addressSet(AddressSetSpec)
    case removeAddressSet(name: String)
    case dns(DNSSpec)
    case removeDNS(switchName: String)
    /// The port forwarding Load_Balancers of a router (none: remove them all).
    case portForwardingBalancers(router: String, [LoadBalancerSpec])
    /// The QoS rows of a switch (its ports' QoS policies).
    case qosRules(switchName: String, [QoSSpec])
}

/// A QoS row: one port's bandwidth limit and DSCP mark in one direction.
struct QoSSpec: Sendable, Hashable {
    /// `from-lport` (the port's egress) or `to-lport`.
    var direction: String
    var match: String
    var priority: Int
    /// `rate` and `burst` in kbps.
    var bandwidth: [String: Int]
    /// `dscp`.
    var action: [String: Int]
    var externalIDs: [String: String]
    var key: String { "\(direction) \(match)" }
}

/// A Load_Balancer of a floating IP's port forwardings of one protocol, on its router and the router's internal switches.
struct LoadBalancerSpec: Sendable, Hashable {
    var name: String
    var `protocol`: String
    /// `<floating IP>:<external port>` → `<internal IP>:<internal port>`.
    var vips: [String: String]
    var externalIDs: [String: String]
    var switches: [String]
}

/// A network's DNS row (`external_ids:ls_name`), referenced by its switch's `dns_records`.
struct DNSSpec: Sendable, Hashable {
    var switchName: String
    var records: [String: String]
}

/// An Address_Set (an address group's addresses of one IP version).
struct AddressSetSpec: Sendable, Hashable {
    var name: String
    var addresses: [String]
    var externalIDs: [String: String]
}

/// A Logical_Router with its static routes and NAT rules (its `ports` are managed by the router-port intents).
struct RouterSpec: Sendable, Hashable {
    var name: String
    var enabled: Bool
    var options: [String: String]
    var externalIDs: [String: String]
    var routes: [RouteSpec]
    var nat: [NATSpec]
}

struct RouteSpec: Sendable, Hashable {
    var prefix: String
    var nexthop: String
    var externalIDs: [String: String]
    var key: String { "\(prefix) \(nexthop)" }
}

struct NATSpec: Sendable, Hashable {
    var type: String
    var externalIP: String
    var logicalIP: String
    var logicalPort: String?
    var externalIDs: [String: String]
    var key: String { "\(type) \(externalIP) \(logicalIP)" }
}

/// A Logical_Router_Port on a router, with its Gateway_Chassis rows (chassis by priority, highest first).
struct RouterPortSpec: Sendable, Hashable {
    var name: String
    var routerName: String
    var mac: String
    var networks: [String]
    var externalIDs: [String: String]
    /// What ovn-northd's router advertisements say (`address_mode`, `send_periodic`, `mtu`); empty: no RAs.
    var ipv6RAConfigs: [String: String] = [:]
    var gatewayChassis: [String]
}

/// A Logical_Switch (its `ports` are managed by the port intents).
struct SwitchSpec: Sendable, Hashable {
    var name: String
    var externalIDs: [String: String]
    var otherConfig: [String: String]
}

/// A Logical_Switch_Port on a switch, with the Port_Groups it must be in.
struct SwitchPortSpec: Sendable, Hashable {
    var name: String
    var switchName: String
    var type: String
    var addresses: [String]
    var portSecurity: [String]
    var enabled: Bool?
    var options: [String: String]
    var externalIDs: [String: String]
    /// The VLAN of a localnet port.
    var tag: Int?
    /// The subnet whose DHCP_Options serve the port (`dhcpv4_options`).
    var dhcpv4Subnet: String?
    /// The port's own DHCP_Options row (the subnet's options with its `extra_dhcp_opts`), which then serves it instead.
    var ownDHCPv4: DHCPOptionsSpec? = nil
    /// The subnet whose DHCPv6 options serve the port (`dhcpv6_options`).
    var dhcpv6Subnet: String? = nil
    /// The port's own DHCPv6 options row.
    var ownDHCPv6: DHCPOptionsSpec? = nil
    /// Port_Group names (`neutron_pg_drop`, `pg_<sg>`) the port belongs to; nil leaves them alone.
    var portGroups: Set<String>?
    /// A trunk subport's parent port (`parent_name`); the subport's VLAN is its `tag`.
    var parentName: String? = nil
}

/// A subnet's DHCP_Options row (or a port's own, with `port_id` in its external_ids).
struct DHCPOptionsSpec: Sendable, Hashable {
    var subnetID: String
    var cidr: String
    var options: [String: String]
    var externalIDs: [String: String]
}

/// A Port_Group with its ACLs (its `ports` are managed by the port intents).
struct PortGroupSpec: Sendable, Hashable {
    var name: String
    var externalIDs: [String: String]
    var acls: [ACLSpec]
}

/// One ACL, identified by its rule id (or, for the drop ACLs, by direction and match).
struct ACLSpec: Sendable, Hashable {
    var action: String
    var direction: String
    var match: String
    var priority: Int
    var externalIDs: [String: String]

    var key: String { externalIDs[OVNKeys.securityGroupRuleID] ?? "\(direction) \(match)" }
}
