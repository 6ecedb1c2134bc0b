import OpenStackAPI

/// The API extensions `/v2.0/extensions` lists: exactly what this service implements.
enum Extensions {
    struct Extension {
        var alias: String
        var name: String
        var description: String
    }

    static let all: [Extension] = [
        .init(alias: "external-net", name: "Neutron external network", description: "Adds external network attribute to network resource."),
        .init(alias: "subnet-external-network", name: "Subnet External Network", description: "Subnets of external networks are visible to all projects."),
        .init(alias: "net-mtu", name: "Network MTU", description: "Provides MTU attribute for a network resource."),
        .init(alias: "net-mtu-writable", name: "Network MTU (writable)", description: "Provides a writable MTU attribute for a network resource."),
        .init(alias: "provider", name: "Provider Network", description: "Expose mapping of virtual networks to physical networks"),
        .init(alias: "port-security", name: "Port Security", description: "Provides port security"),
        .init(alias: "security-group", name: "security-group", description: "The security groups extension."),
        .init(alias: "service-type", name: "Neutron Service Type Management",
              description: "API for retrieving service providers for Neutron advanced services"),
        .init(alias: "subnet-service-types", name: "Subnet service types",
              description: "Provides ability to set the subnet service_types field"),
        .init(alias: "dns-integration", name: "DNS Integration", description: "Provides integration with DNS."),
        .init(alias: "dns-domain-ports", name: "dns_domain for ports", description: "Allows the DNS domain to be specified for a network port."),
        .init(alias: "dns-integration-domain-keywords", name: "DNS domain names with keywords allowed",
              description: "Allows to use keywords like <project_id>, <project_name>, <user_id> and <user_name> as DNS domain name"),
        .init(alias: "subnet-dns-publish-fixed-ip", name: "Subnet DNS publish fixed IP",
              description: "Support choosing to publish DNS records for IPs from a subnet"),
        .init(alias: "address-group", name: "Address group", description: "Support address group"),
        .init(alias: "address-scope", name: "Address scope", description: "Address scopes extension."),
        .init(alias: "auto-allocated-topology", name: "Auto Allocated Topology Services", description: "Auto Allocated Topology Services."),
        .init(alias: "rbac-address-scope", name: "Add address_scope type to RBAC", description: "Add address_scope type to RBAC"),
        .init(alias: "rbac-policies", name: "RBAC Policies",
              description: "Allows creation and modification of policies that control tenant access to resources."),
        .init(alias: "rbac-security-groups", name: "Add security_group type to RBAC",
              description: "Add security_group type to network RBAC"),
        .init(alias: "security-groups-shared-filtering", name: "Security group filtering on the shared field",
              description: "Support filtering security groups on the shared field"),
        .init(alias: "security-groups-remote-address-group", name: "Remote address group id field for security group rules",
              description: "Add new field of remote address group id in security group rules"),
        .init(alias: "stateful-security-group", name: "Stateful security group", description: "Indicates if the security group is stateful or not"),
        .init(alias: "binding", name: "Port Binding", description: "Expose port bindings of a virtual port to external application"),
        .init(alias: "allowed-address-pairs", name: "Allowed Address Pairs", description: "Provides allowed address pairs"),
        .init(alias: "extra_dhcp_opt", name: "Neutron Extra DHCP options", description: "Extra options configuration for DHCP."),
        .init(alias: "standard-attr-description", name: "standard-attr-description", description: "Extension to add descriptions to standard attributes"),
        .init(alias: "standard-attr-revisions", name: "Resource revision numbers", description: "This extension will display the revision number of neutron resources."),
        .init(alias: "standard-attr-timestamp", name: "Resource timestamps", description: "Adds created_at and updated_at fields to all Neutron resources."),
        .init(alias: "standard-attr-tag", name: "Tag support for resources with standard attribute", description: "Enables to set tag on resources with standard attribute."),
        .init(alias: "tag", name: "Tag support", description: "Enables to set tag on resources."),
        .init(alias: "project-id", name: "project_id field enabled", description: "Extension that indicates that project_id field is enabled."),
        .init(alias: "router", name: "Neutron L3 Router", description: "Router abstraction for basic L3 forwarding between L2 Neutron networks and access to external networks via a NAT gateway."),
        .init(alias: "ext-gw-mode", name: "Neutron L3 Configurable external gateway mode", description: "Extension of the router abstraction for specifying whether SNAT should occur on the external gateway"),
        .init(alias: "agent", name: "agent", description: "The agent management extension."),
        .init(alias: "pagination", name: "Pagination support", description: "Extension that indicates that pagination is enabled."),
        .init(alias: "sorting", name: "Sorting support", description: "Extension that indicates that sorting is enabled."),
        .init(alias: "filter-validation", name: "Filter parameters validation", description: "Provides validation on filter parameters."),
        .init(alias: "revision-if-match", name: "If-Match constraints based on revision_number",
              description: "Extension indicating that If-Match based on revision_number is supported."),
        .init(alias: "security-groups-normalized-cidr", name: "Security Group Rules Normalized CIDR",
              description: "Add new field with normalized remote_ip_prefix cidr in SG rule"),
        .init(alias: "network-ip-availability", name: "Network IP Availability", description: "Provides IP availability data for each network and subnet."),
        .init(alias: "floatingip-pools", name: "Floating IP Pools", description: "Provides a floating IP pools API."),
        .init(alias: "fip-port-details", name: "Floating IP Port Details Extension", description: "Add port_details attribute to Floating IP resource"),
        .init(alias: "port-mac-address-regenerate", name: "Neutron Port MAC address regenerate",
              description: "Network port MAC address regenerate"),
        .init(alias: "quotas", name: "Quota management support", description: "Expose functions for quotas management per project"),
        .init(alias: "quota_details", name: "Quota details management support", description: "Expose functions for quotas usage statistics per project"),
        .init(alias: "quota-check-limit", name: "Quota engine limit check", description: "Support for checking the resource usage before applying a new quota limit"),
        .init(alias: "subnet_allocation", name: "Subnet Allocation", description: "Enables allocation of subnets from a subnet pool"),
        .init(alias: "default-subnetpools", name: "Default Subnetpools", description: "Provides ability to mark and use a subnetpool as the default."),
        .init(alias: "availability_zone", name: "Availability Zone", description: "The availability zone extension."),
        .init(alias: "network_availability_zone", name: "Network Availability Zone", description: "Availability zone support for network."),
        .init(alias: "router_availability_zone", name: "Router Availability Zone", description: "Availability zone support for router."),
        .init(alias: "port-numa-affinity-policy", name: "Port NUMA affinity policy",
              description: "Expose the port NUMA affinity policy"),
        .init(alias: "port-device-profile", name: "Port device profile", description: "Expose the port device profile (Cyborg)"),
        .init(alias: "extraroute", name: "Neutron Extra Route", description: "Extra routes configuration for L3 router"),
    ]

    static func json(_ e: Extension) -> JSON {
        ["alias": .string(e.alias), "name": .string(e.name), "description": .string(e.description),
         "updated": "2013-01-01T10:00:00-00:00", "links": []]
    }
}
