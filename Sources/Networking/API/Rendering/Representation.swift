import Foundation
import OpenStackAPI

/// The API form of each resource, in Neutron's attribute order; provider attributes only for admins.
enum Representation {
    static func standard(_ o: inout JSONObject, _ std: StandardAttributes) {
        o["description"] = .string(std.description)
        o["tags"] = .array(std.tags.map(JSON.string))
        o["created_at"] = .string(std.createdAt)
        o["updated_at"] = .string(std.updatedAt)
        o["revision_number"] = .int(std.revision)
    }

    /// `shared` is as the caller sees it: whether a policy shares the network with their project; the address scopes
    /// are those of its subnets' pools.
    static func network(_ n: Network, subnets: [String], shared: Bool, addressScopes: (v4: String?, v6: String?), admin: Bool) -> JSONObject {
        var o: JSONObject = [
            "id": .string(n.id), "name": .string(n.name), "tenant_id": .string(n.projectID),
            "admin_state_up": .bool(n.adminStateUp), "mtu": .int(n.mtu), "status": "ACTIVE",
            "subnets": .array(subnets.map(JSON.string)), "shared": .bool(shared), "project_id": .string(n.projectID),
            "dns_domain": .string(n.dnsDomain ?? ""),
            "port_security_enabled": .bool(n.portSecurityEnabled), "router:external": .bool(n.external), "is_default": .bool(n.external && n.isDefault),
            "availability_zone_hints": .array(n.availabilityZoneHints.map(JSON.string)),
            // ML2/OVN answers a network's and a router's zones from the hints it wrote into the Northbound.
            "availability_zones": .array(n.availabilityZoneHints.map(JSON.string)),
            "qos_policy_id": .optional(n.qosPolicyID),
            "ipv4_address_scope": addressScopes.v4.map(JSON.string) ?? .null, "ipv6_address_scope": addressScopes.v6.map(JSON.string) ?? .null,
        ]
        if admin {
            o["provider:network_type"] = .string(n.networkType)
            o["provider:physical_network"] = .optional(n.physicalNetwork)
            o["provider:segmentation_id"] = n.segmentationID.map { .int($0) } ?? .null
        }
        standard(&o, n.std)
        return o
    }

    /// A subnet, with its network's `router:external` (`subnet-external-network`).
    static func subnet(_ s: Subnet, in state: NetworkingState) -> JSONObject {
        var o: JSONObject = [
            "id": .string(s.id), "name": .string(s.name), "tenant_id": .string(s.projectID), "network_id": .string(s.networkID),
            "ip_version": .int(s.ipVersion), "subnetpool_id": .optional(s.subnetPoolID), "enable_dhcp": .bool(s.enableDHCP),
            "ipv6_ra_mode": .optional(s.ipv6RAMode), "ipv6_address_mode": .optional(s.ipv6AddressMode),
            "gateway_ip": .optional(s.gatewayIP), "cidr": .string(s.cidr),
            "allocation_pools": .array(s.allocationPools.map { ["start": .string($0.start), "end": .string($0.end)] }),
            "host_routes": .array(s.hostRoutes.map { ["destination": .string($0.destination), "nexthop": .string($0.nexthop)] }),
            "dns_nameservers": .array(s.dnsNameservers.map(JSON.string)), "service_types": .array(s.services.map(JSON.string)),
            "dns_publish_fixed_ip": .bool(s.dnsPublishFixedIP ?? false),
            "router:external": .bool(state.networks[s.networkID]?.external == true),
        ]
        standard(&o, s.std)
        o["project_id"] = .string(s.projectID)
        return o
    }

    /// One of a port's bindings (`binding-extended`).
    static func portBinding(_ b: PortBinding, _ status: PortBinding.Status) -> JSONObject {
        ["host": .string(b.host), "vif_type": vifType(b), "vnic_type": .string(b.vnicType), "status": .string(status.rawValue),
         "profile": profile(b), "vif_details": vifDetails(b)]
    }

    private static func vifType(_ b: PortBinding) -> JSON { b.bound ? "ovs" : "unbound" }
    private static func vifDetails(_ b: PortBinding) -> JSON { b.bound ? ["port_filter": true, "connectivity": "l2"] : [:] }
    private static func profile(_ b: PortBinding) -> JSON { .object((try? JSONParser.parse(Array(b.profile.utf8)))?.object ?? [:]) }

    /// A port; `dnsDomain` is the service's, which its `dns_assignment` names depend on.
    static func port(_ p: Port, dnsDomain: String) -> JSONObject {
        let binding = p.activeBinding
        var o: JSONObject = [
            "id": .string(p.id), "name": .string(p.name), "network_id": .string(p.networkID), "tenant_id": .string(p.projectID),
            "mac_address": .string(p.macAddress), "admin_state_up": .bool(p.adminStateUp), "status": .string(p.status),
            "device_id": .string(p.deviceID), "device_owner": .string(p.deviceOwner),
            "fixed_ips": .array(p.fixedIPs.map { ["subnet_id": .string($0.subnetID), "ip_address": .string($0.ipAddress)] }),
            "project_id": .string(p.projectID), "port_security_enabled": .bool(p.portSecurityEnabled),
            "security_groups": .array(p.securityGroups.map(JSON.string)),
            "binding:vnic_type": .string(p.vnicType), "binding:profile": profile(binding),
            "binding:host_id": .string(p.hostID), "binding:vif_type": vifType(binding), "binding:vif_details": vifDetails(binding),
            "allowed_address_pairs": .array(p.allowedAddressPairs.map { ["ip_address": .string($0.ipAddress), "mac_address": .string($0.macAddress)] }),
            "extra_dhcp_opts": .array(p.extraDHCPOpts.map {
                ["opt_name": .string($0.name), "opt_value": .string($0.value), "ip_version": .int($0.ipVersion)]
            }),
            "numa_affinity_policy": .optional(p.numaAffinityPolicy), "device_profile": .optional(p.deviceProfile),
            "dns_name": .string(p.dnsName ?? ""), "dns_domain": .string(p.dnsDomain ?? ""),
            "qos_policy_id": .optional(p.qosPolicyID),
            "dns_assignment": .array(DNSNames.assignment(p, domain: dnsDomain).map {
                ["ip_address": .string($0.ipAddress), "hostname": .string($0.hostname), "fqdn": .string($0.fqdn)]
            }),
        ]
        standard(&o, p.std)
        return o
    }

    static func group(_ g: SecurityGroup, shared: Bool) -> JSONObject {
        var o: JSONObject = [
            "id": .string(g.id), "name": .string(g.name), "stateful": .bool(g.stateful), "tenant_id": .string(g.projectID),
            "shared": .bool(shared), "security_group_rules": .array(g.rules.map { .object(rule($0)) }),
        ]
        standard(&o, g.std)
        o["project_id"] = .string(g.projectID)
        return o
    }

    static func rule(_ r: SecurityGroupRule) -> JSONObject {
        var o: JSONObject = [
            "id": .string(r.id), "tenant_id": .string(r.projectID), "security_group_id": .string(r.securityGroupID),
            "ethertype": .string(r.etherType.rawValue), "direction": .string(r.direction.rawValue),
            "protocol": .optional(r.ipProtocol), "port_range_min": r.portRangeMin.map { .int($0) } ?? .null,
            "port_range_max": r.portRangeMax.map { .int($0) } ?? .null, "remote_ip_prefix": .optional(r.remoteIPPrefix),
            "remote_address_group_id": .optional(r.remoteAddressGroupID), "normalized_cidr": .optional(r.normalizedCIDR), "remote_group_id": .optional(r.remoteGroupID),
        ]
        o["description"] = .string(r.std.description)
        o["created_at"] = .string(r.std.createdAt)
        o["updated_at"] = .string(r.std.updatedAt)
        o["revision_number"] = .int(r.std.revision)
        o["project_id"] = .string(r.projectID)
        return o
    }

    static func router(_ r: NetworkRouter, in state: NetworkingState) -> JSONObject {
        var gateway: JSON = .null
        if let gw = r.gateway {
            let ips = state.ports[gw.portID]?.fixedIPs ?? []
            gateway = ["network_id": .string(gw.networkID), "enable_snat": .bool(gw.enableSNAT),
                       "external_fixed_ips": .array(ips.map { ["subnet_id": .string($0.subnetID), "ip_address": .string($0.ipAddress)] })]
        }
        var o: JSONObject = [
            "id": .string(r.id), "name": .string(r.name), "tenant_id": .string(r.projectID), "admin_state_up": .bool(r.adminStateUp),
            "status": "ACTIVE", "external_gateway_info": gateway, "availability_zones": .array(r.availabilityZoneHints.map(JSON.string)),
            "availability_zone_hints": .array(r.availabilityZoneHints.map(JSON.string)),
            "routes": .array(r.routes.map { ["destination": .string($0.destination), "nexthop": .string($0.nexthop)] }),
        ]
        standard(&o, r.std)
        o["project_id"] = .string(r.projectID)
        return o
    }

    /// The answer of `add_router_interface` / `remove_router_interface`.
    static func interface(_ r: NetworkRouter, _ p: Port) -> JSONObject {
        let subnets = p.fixedIPs.map(\.subnetID)
        return ["id": .string(r.id), "tenant_id": .string(r.projectID), "port_id": .string(p.id), "network_id": .string(p.networkID),
                "subnet_id": .optional(subnets.first), "subnet_ids": .array(subnets.map(JSON.string)), "project_id": .string(r.projectID)]
    }

    static func floatingIP(_ f: FloatingIP, in state: NetworkingState) -> JSONObject {
        let forwardings = state.portForwardings(of: f.id)
        var details: JSON = .null
        if let p = f.portID.flatMap({ state.ports[$0] }) {
            details = ["name": .string(p.name), "network_id": .string(p.networkID), "mac_address": .string(p.macAddress),
                       "admin_state_up": .bool(p.adminStateUp), "status": .string(p.status), "device_id": .string(p.deviceID),
                       "device_owner": .string(p.deviceOwner)]
        }
        var o: JSONObject = [
            "id": .string(f.id), "tenant_id": .string(f.projectID), "floating_ip_address": .string(f.address),
            "floating_network_id": .string(f.networkID), "router_id": .optional(f.routerID), "port_id": .optional(f.portID),
            "fixed_ip_address": .optional(f.fixedIP), "status": .string(f.status), "project_id": .string(f.projectID),
            "port_details": details,
            // `expose-port-forwarding-in-fip` with `floating-ip-port-forwarding-detail`'s id and internal_port_id.
            "port_forwardings": .array(forwardings.map { pf in
                ["id": .string(pf.id), "protocol": .string(pf.protocol), "internal_ip_address": .string(pf.internalIPAddress),
                 "internal_port": .int(pf.internalPort), "external_port": .int(pf.externalPort), "internal_port_id": .string(pf.internalPortID)]
            }),
        ]
        // ML2/OVN sets a floating IP that forwards ports ACTIVE once their load balancer is written.
        if !forwardings.isEmpty { o["status"] = "ACTIVE" }
        standard(&o, f.std)
        return o
    }

    /// A network's `network-ip-availability` entry.
    static func ipAvailability(_ a: IPAvailability) -> JSONObject {
        let subnets: [JSON] = a.subnets.map { c in
            ["subnet_id": .string(c.subnet.id), "ip_version": .int(c.subnet.ipVersion), "cidr": .string(c.subnet.cidr),
             "subnet_name": .string(c.subnet.name), "used_ips": .int(c.used), "total_ips": count(c.total)]
        }
        return ["network_id": .string(a.network.id), "network_name": .string(a.network.name), "tenant_id": .string(a.network.projectID),
                "project_id": .string(a.network.projectID), "subnet_ip_availability": .array(subnets), "used_ips": .int(a.used),
                "total_ips": count(a.total)]
    }

    /// A count as an exact JSON number (an IPv6 /64 holds 2^64 addresses, beyond an Int).
    private static func count(_ n: UInt128) -> JSON { n <= UInt128(Int.max) ? .int(Int(n)) : .bigInteger(String(n)) }

    /// A `floatingip_pools` entry: an IPv4 subnet of an external network.
    static func floatingIPPool(_ s: Subnet, project: String) -> JSONObject {
        ["subnet_id": .string(s.id), "subnet_name": .string(s.name), "network_id": .string(s.networkID), "cidr": .string(s.cidr),
         "project_id": .string(project), "tenant_id": .string(project)]
    }

    /// An agent as ML2/OVN lists it.
    static func agent(_ a: Agent) -> JSONObject {
        ["binary": .string(a.kind.binary), "host": .string(a.host), "heartbeat_timestamp": .string(heartbeat()),
         "availability_zone": .string(a.availabilityZones.joined(separator: ", ")), "topic": "n/a", "description": .string(a.description),
         "configurations": ["chassis_name": .string(a.chassis), "bridge-mappings": .string(a.bridgeMappings)],
         "start_flag": true, "agent_type": .string(a.kind.rawValue), "id": .string(a.id), "alive": .bool(a.alive), "admin_state_up": true]
    }

    /// Now, as Neutron prints an agent's heartbeat (`2026-12-02 19:40:05`).
    private static func heartbeat() -> String {
        StandardAttributes.now().replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    }

    /// A project's limits, one member per resource.
    static func limits(_ q: ProjectQuota) -> JSONObject {
        JSONObject(QuotaResource.allCases.map { ($0.rawValue, JSON.int(q.limit($0))) })
    }

    /// `quota_details`: each resource's limit, use and reservations (none are held: a create is one commit).
    static func quotaDetails(_ q: ProjectQuota, used: (QuotaResource) -> Int) -> JSONObject {
        JSONObject(QuotaResource.allCases.map { ($0.rawValue, ["limit": .int(q.limit($0)), "used": .int(used($0)), "reserved": 0]) })
    }

    /// An address group, as Neutron answers it.
    static func addressGroup(_ g: AddressGroup) -> JSONObject {
        var o: JSONObject = ["id": .string(g.id), "name": .string(g.name), "tenant_id": .string(g.projectID),
                             "addresses": .array(g.addresses.map(JSON.string))]
        standard(&o, g.std)
        o["project_id"] = .string(g.projectID)
        return o
    }

    /// A QoS policy with its rules, as Neutron answers it.
    static func qosPolicy(_ p: QoSPolicy, shared: Bool) -> JSONObject {
        var o: JSONObject = [
            "id": .string(p.id), "name": .string(p.name), "shared": .bool(shared), "is_default": .bool(p.isDefault),
            "rules": .array(p.rules.map { r in
                var o = qosRule(r)
                o["type"] = .string(r.kind.rawValue)
                o["qos_policy_id"] = .string(p.id)
                return .object(o)
            }),
            "tenant_id": .string(p.projectID),
        ]
        standard(&o, p.std)
        o["project_id"] = .string(p.projectID)
        return o
    }

    /// A QoS rule with its kind's attributes.
    static func qosRule(_ r: QoSPolicy.Rule) -> JSONObject {
        switch r.kind {
        case .bandwidthLimit:
            ["id": .string(r.id), "max_kbps": .int(r.maxKbps), "max_burst_kbps": .int(r.maxBurstKbps), "direction": .string(r.direction)]
        case .dscpMarking:
            ["id": .string(r.id), "dscp_mark": .int(r.dscpMark)]
        }
    }

    /// `qos-rule-type-details`: the OVN driver's parameters of a rule type.
    static func qosRuleType(_ kind: QoSPolicy.Rule.Kind) -> JSONObject {
        let parameters: [JSON]
        switch kind {
        case .bandwidthLimit:
            parameters = [
                ["parameter_name": "max_kbps", "parameter_type": "range", "parameter_values": ["start": 0, "end": 2147483647]],
                ["parameter_name": "max_burst_kbps", "parameter_type": "range", "parameter_values": ["start": 0, "end": 2147483647]],
                ["parameter_name": "direction", "parameter_type": "choices", "parameter_values": ["egress", "ingress"]],
            ]
        case .dscpMarking:
            parameters = [["parameter_name": "dscp_mark", "parameter_type": "choices",
                           "parameter_values": .array([0, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 44, 46, 48, 56].map { .int($0) })]]
        }
        return ["type": .string(kind.rawValue), "drivers": [["name": "ovn", "supported_parameters": .array(parameters)]]]
    }

    /// A service flavor, as Neutron answers it.
    static func flavor(_ f: ServiceFlavor) -> JSONObject {
        ["id": .string(f.id), "name": .string(f.name), "description": .string(f.description), "service_type": .string(f.serviceType),
         "enabled": .bool(f.enabled), "service_profiles": .array(f.serviceProfiles.map(JSON.string))]
    }

    /// A service profile with the flavors it is associated with.
    static func serviceProfile(_ p: ServiceProfile, flavors: [String]) -> JSONObject {
        ["id": .string(p.id), "description": .string(p.description), "driver": .string(p.driver), "enabled": .bool(p.enabled),
         "metainfo": .string(p.metainfo), "flavors": .array(flavors.sorted().map(JSON.string))]
    }

    /// A trunk, as Neutron answers it.
    static func trunk(_ t: Trunk) -> JSONObject {
        var o: JSONObject = [
            "id": .string(t.id), "name": .string(t.name), "admin_state_up": .bool(t.adminStateUp), "status": .string(t.status),
            "port_id": .string(t.portID), "sub_ports": .array(subports(t).map(JSON.object)),
            "tenant_id": .string(t.projectID),
        ]
        standard(&o, t.std)
        o["project_id"] = .string(t.projectID)
        return o
    }

    /// A trunk's subports, as the trunk and `get_subports` answer them.
    static func subports(_ t: Trunk) -> [JSONObject] {
        t.subports.map { ["segmentation_id": .int($0.segmentationID), "segmentation_type": .string($0.segmentationType), "port_id": .string($0.portID)] }
    }

    /// `trunk-details` of a trunk's parent port: its subports with their MACs.
    static func trunkDetails(_ t: Trunk, in state: NetworkingState) -> JSON {
        ["trunk_id": .string(t.id), "sub_ports": .array(subports(t).map { s in
            var o = s
            o["mac_address"] = .string(state.ports[s["port_id"]?.string ?? ""]?.macAddress ?? "")
            return .object(o)
        })]
    }

    /// A port forwarding, as Neutron answers it.
    static func portForwarding(_ f: PortForwarding) -> JSONObject {
        ["id": .string(f.id), "protocol": .string(f.protocol), "internal_ip_address": .string(f.internalIPAddress),
         "internal_port": .int(f.internalPort), "internal_port_id": .string(f.internalPortID), "external_port": .int(f.externalPort),
         "description": .string(f.description)]
    }

    /// An address scope, as Neutron (Zed) answers it: no standard attributes.
    static func addressScope(_ s: AddressScope, shared: Bool) -> JSONObject {
        ["id": .string(s.id), "name": .string(s.name), "ip_version": .int(s.ipVersion), "shared": .bool(shared),
         "tenant_id": .string(s.projectID), "project_id": .string(s.projectID)]
    }

    /// An RBAC policy, as Neutron answers it (no standard attributes).
    static func rbacPolicy(_ p: RBACPolicy) -> JSONObject {
        ["id": .string(p.id), "object_type": .string(p.objectType.rawValue), "object_id": .string(p.objectID),
         "action": .string(p.action.rawValue), "target_tenant": .string(p.targetProject),
         "tenant_id": .string(p.projectID), "project_id": .string(p.projectID)]
    }

    /// A subnet pool, as Neutron answers it.
    static func subnetPool(_ p: SubnetPool) -> JSONObject {
        var o: JSONObject = [
            "id": .string(p.id), "name": .string(p.name), "tenant_id": .string(p.projectID), "prefixes": .array(p.prefixes.map(JSON.string)),
            "default_quota": p.defaultQuota.map { .int($0) } ?? .null, "ip_version": .int(p.ipVersion),
            // Neutron answers the prefix lengths as strings.
            "default_prefixlen": .string(String(p.defaultPrefixLength)), "min_prefixlen": .string(String(p.minPrefixLength)),
            "max_prefixlen": .string(String(p.maxPrefixLength)),
            "is_default": .bool(p.isDefault), "shared": .bool(p.shared), "address_scope_id": p.addressScopeID.map(JSON.string) ?? .null,
        ]
        standard(&o, p.std)
        o["project_id"] = .string(p.projectID)
        return o
    }
}
