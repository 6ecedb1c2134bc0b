/// The names and `external_ids` keys ML2/OVN writes into the Northbound DB, so that rows written
/// here are the rows Neutron would write (and Neutron-aware tools find them).
enum OVNNames {
    /// The Logical_Switch of a network.
    static func logicalSwitch(network: String) -> String { "neutron-\(network)" }
    /// The Logical_Router of a router.
    static func logicalRouter(router: String) -> String { "neutron-\(router)" }
    /// The Load_Balancer of a floating IP's port forwardings of one protocol (ML2/OVN's `pf-floatingip-<id>-<protocol>`).
    static func portForwardingBalancer(floatingIP: String, protocol: String) -> String { "pf-floatingip-\(floatingIP)-\(`protocol`)" }
    /// The Logical_Router_Port of a router interface or gateway port.
    static func routerPort(port: String) -> String { "lrp-\(port)" }
    /// The localnet port of a provider network segment.
    static func localnetPort(segment: String) -> String { "provnet-\(segment)" }
    /// The metadata localport's device id.
    static func metadataDevice(network: String) -> String { "ovnmeta-\(network)" }
    /// The Port_Group of a security group (OVN names cannot contain '-').
    static func portGroup(securityGroup: String) -> String { "pg_" + securityGroup.replacingOccurrences(of: "-", with: "_") }
    /// The Port_Group every port with port security is in, holding the default-drop ACLs.
    static let dropPortGroup = "neutron_pg_drop"
    /// The address set OVN derives from a port group's addresses, as `$pg_…_ip4` in matches.
    static func portGroupAddressSet(securityGroup: String, _ etherType: SecurityGroupRule.EtherType) -> String {
        portGroup(securityGroup: securityGroup) + (etherType == .ipv4 ? "_ip4" : "_ip6")
    }

    /// The Address_Set of an address group's addresses of one IP version (`ag_<id>_ip4`, dashes as underscores).
    static func addressGroupAddressSet(_ group: String, ipVersion: Int) -> String {
        "ag_\(group)_ip\(ipVersion)".replacingOccurrences(of: "-", with: "_")
    }
}

/// `external_ids` keys (neutron/common/ovn/constants.py in Neutron).
enum OVNKeys {
    static let securityGroupID = "neutron:security_group_id"
    static let securityGroupRuleID = "neutron:security_group_rule_id"
    static let addressGroupID = "neutron:address_group_id"
    static let networkName = "neutron:network_name"
    static let revisionNumber = "neutron:revision_number"
    static let projectID = "neutron:project_id"
    static let portName = "neutron:port_name"
    static let deviceID = "neutron:device_id"
    static let deviceOwner = "neutron:device_owner"
    static let cidrs = "neutron:cidrs"
    static let securityGroupIDs = "neutron:security_group_ids"
    static let mtu = "neutron:mtu"
    static let availabilityZoneHints = "neutron:availability_zone_hints"
}

extension OVNKeys {
    /// DHCP_Options rows name their subnet without the `neutron:` prefix, as ML2/OVN does.
    static let subnetID = "subnet_id"
    /// A port's own DHCP_Options row (extra DHCP options) names the port so.
    static let portID = "port_id"
    static let portFIP = "neutron:port_fip"
    /// Port forwarding Load_Balancers: their owner, floating IP and router.
    static let portForwardingOwner = "port_forwarding_plugin"
    static let fipID = "neutron:fip_id"
    static let routerName = "neutron:router_name"
}
