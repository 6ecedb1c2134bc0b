import OpenStackAPI

/// `filter-validation`: a list filtered on an attribute the resource does not have is refused (400), as Neutron
/// does with the extension on, instead of silently matching everything.
enum FilterValidation {
    private static let standard: Set<String> = ["id", "name", "tenant_id", "project_id", "description", "revision_number",
                                                "tags", "tags-any", "not-tags", "not-tags-any", "changed_since"]

    /// The attributes each collection may be filtered on (the keys of its resources, plus Neutron's special filters).
    static let attributes: [String: Set<String>] = [
        "networks": standard.union(["admin_state_up", "mtu", "status", "subnets", "shared", "port_security_enabled", "router:external",
                                    "is_default", "availability_zone_hints", "provider:network_type", "provider:physical_network",
                                    "provider:segmentation_id", "ipv4_address_scope", "ipv6_address_scope", "availability_zones",
                                    "dns_domain"]),
        "subnets": standard.union(["network_id", "ip_version", "subnetpool_id", "enable_dhcp", "ipv6_ra_mode", "ipv6_address_mode",
                                   "gateway_ip", "cidr", "allocation_pools", "host_routes", "dns_nameservers", "service_types", "dns_publish_fixed_ip",
                                   "router:external", "shared"]),
        "ports": standard.union(["network_id", "mac_address", "admin_state_up", "status", "device_id", "device_owner", "fixed_ips",
                                 "port_security_enabled", "security_groups", "binding:vnic_type", "binding:host_id", "binding:vif_type",
                                 "allowed_address_pairs", "extra_dhcp_opts", "numa_affinity_policy", "device_profile",
                                 "dns_name", "dns_domain", "dns_assignment"]),
        "bindings": ["host", "vif_type", "vnic_type", "status"],
        "security_groups": standard.union(["stateful", "shared"]),
        "address_groups": standard.union(["addresses"]),
        "port_forwardings": ["id", "protocol", "internal_ip_address", "internal_port", "internal_port_id", "external_port", "description"],
        "policies": standard.union(["shared", "is_default", "rules"]),
        "bandwidth_limit_rules": ["id", "max_kbps", "max_burst_kbps", "direction"],
        "dscp_marking_rules": ["id", "dscp_mark"],
        "rule_types": ["type", "all_rules", "all_supported"],
        "flavors": ["id", "name", "description", "service_type", "enabled", "service_profiles"],
        "service_profiles": ["id", "description", "driver", "enabled", "metainfo", "flavors"],
        "trunks": standard.union(["admin_state_up", "status", "port_id", "sub_ports"]),
        "address_scopes": ["id", "name", "ip_version", "shared", "tenant_id", "project_id"],
        "rbac_policies": ["id", "object_type", "object_id", "target_tenant", "action", "tenant_id", "project_id"],
        "service_providers": ["service_type", "name", "default"],
        "security_group_rules": standard.union(["security_group_id", "ethertype", "direction", "protocol", "port_range_min",
                                                "port_range_max", "remote_ip_prefix", "remote_address_group_id", "normalized_cidr",
                                                "remote_group_id"]),
        "routers": standard.union(["admin_state_up", "status", "external_gateway_info", "availability_zone_hints", "routes"]),
        "floatingips": standard.union(["floating_ip_address", "floating_network_id", "router_id", "port_id", "fixed_ip_address",
                                       "status"]),
        "subnetpools": standard.union(["prefixes", "default_quota", "ip_version", "default_prefixlen", "min_prefixlen", "max_prefixlen",
                                       "is_default", "shared", "address_scope_id"]),
        "network_ip_availabilities": ["network_id", "network_name", "tenant_id", "project_id", "ip_version"],
        "availability_zones": ["name", "resource", "state", "project_id"],
        "agents": ["id", "agent_type", "binary", "host", "topic", "availability_zone", "description", "alive", "admin_state_up"],
        "floatingip_pools": ["subnet_id", "subnet_name", "network_id", "cidr", "tenant_id", "project_id"],
    ]

    /// Refuses filters that are not attributes of `collection`'s resources, naming them as Neutron does.
    static func check(_ collection: String, _ filters: [(key: String, value: String)]) throws(NetworkingError) {
        guard let known = attributes[collection] else { return }
        var invalid: [String] = []
        for (key, _) in filters where !known.contains(key) && !invalid.contains(key) { invalid.append(key) }
        guard !invalid.isEmpty else { return }
        let names = invalid.map { "'\($0)'" }.joined(separator: ", ")
        throw .badRequest("[\(names)] is invalid attribute for filtering")
    }
}
