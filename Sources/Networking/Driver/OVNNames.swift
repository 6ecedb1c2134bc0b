/// The names and `external_ids` keys ML2/OVN writes into the Northbound DB, so that rows written
/// here are the rows Neutron would write (and Neutron-aware tools find them).
public enum OVNNames {
    /// The Logical_Switch of a network.
    public static func logicalSwitch(network: String) -> String { "neutron-\(network)" }
    /// The Logical_Router of a router.
    public static func logicalRouter(router: String) -> String { "neutron-\(router)" }
    /// The Logical_Router_Port of a router interface or gateway port.
    public static func routerPort(port: String) -> String { "lrp-\(port)" }
    /// The localnet port of a provider network segment.
    public static func localnetPort(segment: String) -> String { "provnet-\(segment)" }
    /// The metadata localport's device id.
    public static func metadataDevice(network: String) -> String { "ovnmeta-\(network)" }
    /// The Port_Group of a security group (OVN names cannot contain '-').
    public static func portGroup(securityGroup: String) -> String { "pg_" + securityGroup.replacingOccurrences(of: "-", with: "_") }
    /// The Port_Group every port with port security is in, holding the default-drop ACLs.
    public static let dropPortGroup = "neutron_pg_drop"
    /// The address set OVN derives from a port group's addresses, as `$pg_…_ip4` in matches.
    public static func portGroupAddressSet(securityGroup: String, _ etherType: SecurityGroupRule.EtherType) -> String {
        portGroup(securityGroup: securityGroup) + (etherType == .ipv4 ? "_ip4" : "_ip6")
    }
}

/// `external_ids` keys (neutron/common/ovn/constants.py in Neutron).
public enum OVNKeys {
    public static let securityGroupID = "neutron:security_group_id"
    public static let securityGroupRuleID = "neutron:security_group_rule_id"
    public static let networkName = "neutron:network_name"
    public static let revisionNumber = "neutron:revision_number"
    public static let projectID = "neutron:project_id"
    public static let portName = "neutron:port_name"
    public static let deviceID = "neutron:device_id"
    public static let deviceOwner = "neutron:device_owner"
    public static let cidrs = "neutron:cidrs"
    public static let securityGroupIDs = "neutron:security_group_ids"
    public static let mtu = "neutron:mtu"
    public static let availabilityZoneHints = "neutron:availability_zone_hints"
}

extension OVNKeys {
    /// DHCP_Options rows name their subnet without the `neutron:` prefix, as ML2/OVN does.
    public static let subnetID = "subnet_id"
    public static let portFIP = "neutron:port_fip"
}
