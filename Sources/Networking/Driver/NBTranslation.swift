import OpenStackAPI

/// ML2/OVN's mapping of Neutron resources to Northbound rows (see `reference/neutron-ovn/NOTES.md`).
struct NBTranslation: Sendable {
    /// `[ovn] dns_servers`: the DHCP `dns_server` of subnets without their own nameservers.
    var dnsServers: [String]
    /// `[DEFAULT] dns_domain`: DHCP's `domain_name` and the domain of ports' names.
    var dnsDomain = DNSNames.defaultDomain

    /// The switch of a network, plus its localnet port when it is a provider network.
    func network(_ n: Network) -> [NBIntent] {
        var intents: [NBIntent] = [.logicalSwitch(SwitchSpec(
            name: OVNNames.logicalSwitch(network: n.id),
            externalIDs: [OVNKeys.networkName: n.name, OVNKeys.mtu: String(n.mtu), OVNKeys.revisionNumber: String(n.std.revisionInNorthbound),
                          OVNKeys.availabilityZoneHints: n.availabilityZoneHints.joined(separator: ",")],
            otherConfig: ["mcast_snoop": "false", "mcast_flood_unregistered": "false", "vlan-passthru": "false"]))]
        if n.isProvider, let physnet = n.physicalNetwork {
            intents.append(.switchPort(SwitchPortSpec(
                name: OVNNames.localnetPort(segment: n.segmentID), switchName: OVNNames.logicalSwitch(network: n.id),
                type: "localnet", addresses: ["unknown"], portSecurity: [], enabled: nil,
                options: ["network_name": physnet, "mcast_flood": "false", "mcast_flood_reports": "true"],
                externalIDs: [:], tag: n.networkType == "vlan" ? n.segmentationID : nil, dhcpv4Subnet: nil, portGroups: nil)))
        }
        return intents
    }

    /// The Logical_Switch_Port of a port; `metadataIP` is the network's metadata address (for a port's own DHCP options).
    func port(_ p: Port, network: Network, subnets: [String: Subnet], floatingIP: String? = nil, trunkChild: (parent: String, tag: Int)? = nil,
              metadataIP: (String) -> String? = { _ in nil })
        -> NBIntent {
        let ips = p.fixedIPs.map(\.ipAddress)
        let address = ([p.macAddress] + ips).joined(separator: " ")
        let cidrs = p.fixedIPs.compactMap { ip in subnets[ip.subnetID].map { "\(ip.ipAddress)/\($0.network.prefixLength)" } }
        var externalIDs = [
            OVNKeys.cidrs: cidrs.joined(separator: " "), OVNKeys.deviceID: p.deviceID, OVNKeys.deviceOwner: p.deviceOwner,
            OVNKeys.networkName: OVNNames.logicalSwitch(network: network.id), OVNKeys.portName: p.name,
            OVNKeys.projectID: p.projectID, OVNKeys.revisionNumber: String(p.std.revision),
            OVNKeys.securityGroupIDs: p.securityGroups.joined(separator: " "),
        ]
        if let fip = floatingIP { externalIDs[OVNKeys.portFIP] = fip }
        let switchName = OVNNames.logicalSwitch(network: network.id)
        if p.isRouterPort {
            var options = ["router-port": OVNNames.routerPort(port: p.id)]
            var ids = externalIDs
            if p.deviceOwner == DeviceOwner.routerGateway {
                options["nat-addresses"] = "router"
                options["exclude-lb-vips-from-garp"] = "true"
                ids[OVNKeys.projectID] = ""
            }
            return .switchPort(SwitchPortSpec(
                name: p.id, switchName: switchName, type: "router", addresses: ["router"], portSecurity: [], enabled: true,
                options: options, externalIDs: ids, tag: nil, dhcpv4Subnet: nil, portGroups: []))
        }
        if p.isMetadata {
            return .switchPort(SwitchPortSpec(
                name: p.id, switchName: switchName, type: "localport", addresses: [address], portSecurity: [], enabled: true,
                options: ["requested-chassis": ""], externalIDs: externalIDs, tag: nil, dhcpv4Subnet: nil, portGroups: []))
        }
        var addresses = [address], portSecurity: [String] = [], groups: Set<String> = []
        if p.portSecurityEnabled {
            // Pairs on the port's own MAC join its entry; other MACs get an entry each (as ML2/OVN writes them).
            let own = p.allowedAddressPairs.filter { $0.macAddress == p.macAddress }.map(\.ipAddress)
            var others: [String: [String]] = [:]
            for pair in p.allowedAddressPairs where pair.macAddress != p.macAddress { others[pair.macAddress, default: []].append(pair.ipAddress) }
            portSecurity = [([address] + own).joined(separator: " ")] + others.keys.sorted().map { ([$0] + others[$0]!).joined(separator: " ") }
            groups = Set([OVNNames.dropPortGroup] + p.securityGroups.map { OVNNames.portGroup(securityGroup: $0) })
        } else {
            addresses.append("unknown")
        }
        let (v4Subnet, v4Own) = dhcp(p, ipVersion: 4, network: network, subnets: subnets, metadataIP: metadataIP)
        let (v6Subnet, v6Own) = dhcp(p, ipVersion: 6, network: network, subnets: subnets, metadataIP: metadataIP)
        // A trunk subport is a VLAN child of its parent's port (ML2/OVN's trunk driver).
        return .switchPort(SwitchPortSpec(
            name: p.id, switchName: switchName, type: "", addresses: addresses, portSecurity: portSecurity,
            enabled: p.adminStateUp, options: Self.bindingOptions(p),
            externalIDs: externalIDs, tag: trunkChild?.tag, dhcpv4Subnet: v4Subnet, ownDHCPv4: v4Own,
            dhcpv6Subnet: v6Subnet, ownDHCPv6: v6Own, portGroups: groups, parentName: trunkChild?.parent))
    }

    /// A VM port's options (ML2/OVN's `_get_port_options`): `requested-chassis` is the bound host; while Nova
    /// live-migrates the port (`binding:profile` `migrating_to`) the destination too, OVN's multi-chassis binding,
    /// with the destination's traffic held until the guest's RARP announces it there.
    static func bindingOptions(_ p: Port) -> [String: String] {
        var options = ["requested-chassis": p.hostID, "mcast_flood_reports": "true"]
        // Most profiles are `{}`: parsed only when they may name a destination.
        guard !p.hostID.isEmpty, p.profile.contains("migrating_to") else { return options }
        let profile = (try? JSONParser.parse(Array(p.profile.utf8)))?.object
        if let destination = profile?["migrating_to"]?.string, !destination.isEmpty {
            options["requested-chassis"] = "\(p.hostID),\(destination)"
            options["activation-strategy"] = "rarp"
        }
        return options
    }

    /// The subnet whose DHCP_Options serve a port for one IP version, or the port's own row (the subnet's options
    /// with its `extra_dhcp_opts`). For IPv6 a DHCPv6-stateful subnet is preferred, so the port gets an address.
    private func dhcp(_ p: Port, ipVersion: Int, network: Network, subnets: [String: Subnet], metadataIP: (String) -> String?)
        -> (subnet: String?, own: DHCPOptionsSpec?) {
        let served = p.fixedIPs.compactMap { subnets[$0.subnetID] }.filter { $0.ipVersion == ipVersion && $0.hasDHCPOptions }
        guard let s = served.first(where: { $0.ipv6AddressMode != "dhcpv6-stateless" }) ?? served.first else { return (nil, nil) }
        switch ExtraDHCPOptions.effect(p.extraDHCPOpts, ipVersion: ipVersion) {
        case .disabled: return (nil, nil)
        case .options(let extra) where !extra.isEmpty:
            guard case .dhcpOptions(let base) = subnet(s, network: network, metadataIP: metadataIP(s.id)) else { return (s.id, nil) }
            return (s.id, ExtraDHCPOptions.merged(base, extra, portID: p.id))
        case .options: return (s.id, nil)
        }
    }

    /// The DHCP_Options of a subnet with DHCP (none for SLAAC, as ML2/OVN: DHCPv6 has no part in it), or its removal.
    func subnet(_ s: Subnet, network: Network, metadataIP: String?) -> NBIntent {
        guard s.hasDHCPOptions else { return .removeDHCPOptions(subnetID: s.id) }
        let externalIDs = [OVNKeys.subnetID: s.id, OVNKeys.revisionNumber: String(s.std.revision)]
        guard s.ipVersion == 4 else {
            // `_get_ovn_dhcpv6_opts`: a server DUID MAC, the subnet's (or the configured) IPv6 DNS servers.
            var options = ["server_id": s.dhcpServerMAC]
            options["dns_server"] = dhcpDNSServers(s)
            if s.ipv6AddressMode == "dhcpv6-stateless" { options["dhcpv6_stateless"] = "true" }
            return .dhcpOptions(DHCPOptionsSpec(subnetID: s.id, cidr: s.cidr, options: options, externalIDs: externalIDs))
        }
        var options = [
            "lease_time": "43200", "mtu": String(network.mtu), "server_mac": s.dhcpServerMAC,
            "domain_name": "\"\(dnsDomain)\"",
        ]
        options["dns_server"] = dhcpDNSServers(s)
        var routes: [String] = []
        if let metadataIP { routes.append("169.254.169.254/32,\(metadataIP)") }
        routes += s.hostRoutes.map { "\($0.destination),\($0.nexthop)" }
        if let gateway = s.gatewayIP {
            options["router"] = gateway
            options["server_id"] = gateway
            routes.append("0.0.0.0/0,\(gateway)")
        } else if let metadataIP {
            options["server_id"] = metadataIP
        }
        if !routes.isEmpty { options["classless_static_route"] = "{" + routes.joined(separator: ", ") + "}" }
        return .dhcpOptions(DHCPOptionsSpec(subnetID: s.id, cidr: s.cidr, options: options, externalIDs: externalIDs))
    }

    /// A network's DNS row from its ports' names, or its removal when none has records.
    func dns(_ n: Network, ports: [Port]) -> NBIntent {
        let switchName = OVNNames.logicalSwitch(network: n.id)
        // Oldest first: where two ports claim one name, the newer one's record stands, as ML2/OVN's updates leave it.
        let ordered = ports.sorted { ($0.std.createdAt, $0.id) < ($1.std.createdAt, $1.id) }
        let records = DNSNames.records(ordered, networkDomain: n.dnsDomain ?? "", domain: dnsDomain)
        return records.isEmpty ? .removeDNS(switchName: switchName) : .dns(DNSSpec(switchName: switchName, records: records))
    }

    /// An address group's two Address_Sets, one per IP version, as ML2/OVN keeps them since 2025.1 (both exist, maybe empty).
    func addressGroup(_ g: AddressGroup) -> [NBIntent] {
        [4, 6].map { version in
            .addressSet(AddressSetSpec(
                name: OVNNames.addressGroupAddressSet(g.id, ipVersion: version),
                addresses: g.addresses.filter { ($0.contains(":") ? 6 : 4) == version },
                externalIDs: [OVNKeys.addressGroupID: g.id, OVNKeys.revisionNumber: String(g.std.revision)]))
        }
    }

    /// The removal of an address group's Address_Sets.
    static func removeAddressGroup(_ id: String) -> [NBIntent] {
        [4, 6].map { .removeAddressSet(name: OVNNames.addressGroupAddressSet(id, ipVersion: $0)) }
    }

    /// The `dns_server` option of a subnet (Neutron's `get_dhcp_dns_servers`): its nameservers, else the configured
    /// ones of its IP version; none when there are none or the any-address is among them.
    private func dhcpDNSServers(_ s: Subnet) -> String? {
        let dns = s.dnsNameservers.isEmpty ? dnsServers.filter { $0.contains(":") == (s.ipVersion == 6) } : s.dnsNameservers
        guard !dns.isEmpty, !dns.contains(s.ipVersion == 6 ? "::" : "0.0.0.0") else { return nil }
        return "{" + dns.joined(separator: ", ") + "}"
    }

    /// The Port_Group of a security group with one ACL per rule.
    func group(_ g: SecurityGroup) -> NBIntent {
        .portGroup(PortGroupSpec(
            name: OVNNames.portGroup(securityGroup: g.id), externalIDs: [OVNKeys.securityGroupID: g.id],
            acls: g.rules.map { rule in
                ACLSpec(action: g.stateful ? "allow-related" : "allow-stateless", direction: ACLMatch.direction(rule),
                        match: ACLMatch.match(rule), priority: ACLMatch.priority, externalIDs: [OVNKeys.securityGroupRuleID: rule.id])
            }))
    }

    /// The Logical_Router of a router: while it has a gateway, a default route per IP version of the gateway's
    /// addresses and (IPv4) SNAT per attached subnet; one `dnat_and_snat` per associated floating IP.
    func router(_ r: NetworkRouter, gatewayPort: Port?, gatewaySubnets: [Subnet], interfaceSubnets: [Subnet],
                floatingIPs: [(FloatingIP, Port?)]) -> NBIntent {
        var routes = r.routes.map { RouteSpec(prefix: $0.destination, nexthop: $0.nexthop, externalIDs: [:]) }
        var nat: [NATSpec] = []
        if r.gateway != nil {
            for version in [4, 6] {
                guard let s = gatewaySubnets.first(where: { $0.ipVersion == version }), let nexthop = s.gatewayIP else { continue }
                routes.append(RouteSpec(prefix: version == 4 ? "0.0.0.0/0" : "::/0", nexthop: nexthop,
                                        externalIDs: ["neutron:is_ext_gw": "true", "neutron:subnet_id": s.id]))
            }
        }
        let gatewaySubnet = gatewaySubnets.first { $0.ipVersion == 4 }
        let gatewayIP = gatewayPort?.fixedIPs.first { subnets in gatewaySubnet?.id == subnets.subnetID }?.ipAddress
        if let gw = r.gateway, let gatewayIP {
            if gw.enableSNAT {
                nat += interfaceSubnets.filter { $0.ipVersion == 4 }.map {
                    NATSpec(type: "snat", externalIP: gatewayIP, logicalIP: $0.cidr, logicalPort: nil, externalIDs: [:])
                }
            }
        }
        for (fip, holder) in floatingIPs {
            guard let port = fip.portID, let fixed = fip.fixedIP else { continue }
            nat.append(NATSpec(type: "dnat_and_snat", externalIP: fip.address, logicalIP: fixed, logicalPort: port, externalIDs: [
                "neutron:fip_id": fip.id, "neutron:fip_port_id": port, "neutron:fip_network_id": fip.networkID,
                "neutron:fip_external_mac": holder?.macAddress ?? "", "neutron:router_name": OVNNames.logicalRouter(router: r.id),
                OVNKeys.revisionNumber: String(fip.std.revision),
            ]))
        }
        return .logicalRouter(RouterSpec(
            name: OVNNames.logicalRouter(router: r.id), enabled: r.adminStateUp,
            options: ["always_learn_from_arp_request": "false", "dynamic_neigh_routers": "true"],
            externalIDs: ["neutron:router_name": r.name, OVNKeys.revisionNumber: String(r.std.revisionInNorthbound),
                          "neutron:gw_port_id": r.gateway?.portID ?? "", "neutron:gw_network_id": r.gateway?.networkID ?? "",
                          OVNKeys.availabilityZoneHints: r.availabilityZoneHints.joined(separator: ",")],
            routes: routes, nat: nat))
    }

    /// The Logical_Router_Port of a router interface or gateway port. The first subnet with an IPv6 address mode sets
    /// its router advertisements; a gateway port on a provider network sends none unasked, so that the projects' RAs
    /// do not leak there (ML2/OVN's `_get_nets_and_ipv6_ra_confs_for_router_port`).
    func routerPort(_ p: Port, router: String, subnets: [String: Subnet], network: Network?, gatewayChassis: [String]) -> NBIntent {
        var ra: [String: String] = [:]
        if let mode = p.fixedIPs.lazy.compactMap({ subnets[$0.subnetID]?.ipv6AddressMode }).first, let network {
            let periodic = !(p.deviceOwner == DeviceOwner.routerGateway && network.isProvider)
            ra = ["address_mode": mode.replacingOccurrences(of: "-", with: "_"), "send_periodic": String(periodic), "mtu": String(network.mtu)]
        }
        return .routerPort(RouterPortSpec(
            name: OVNNames.routerPort(port: p.id), routerName: OVNNames.logicalRouter(router: router), mac: p.macAddress,
            networks: p.fixedIPs.compactMap { ip in subnets[ip.subnetID].map { "\(ip.ipAddress)/\($0.network.prefixLength)" } },
            externalIDs: [OVNKeys.networkName: OVNNames.logicalSwitch(network: p.networkID), OVNKeys.revisionNumber: String(p.std.revision),
                          "neutron:router_name": router, "neutron:subnet_ids": p.fixedIPs.map(\.subnetID).joined(separator: " ")],
            ipv6RAConfigs: ra, gatewayChassis: gatewayChassis))
    }

    /// A network's QoS rows, as ML2/OVN's QoS extension writes them: per port with a policy and per direction, one row at
    /// priority 2002 with the bandwidth limit (`rate`, `burst`) and, egress, the DSCP mark.
    func qosRules(network: String, ports: [(Port, QoSPolicy)]) -> NBIntent {
        var out: [QoSSpec] = []
        for (p, policy) in ports.sorted(by: { $0.0.id < $1.0.id }) {
            for (direction, ovnDirection, port) in [("egress", "from-lport", "inport"), ("ingress", "to-lport", "outport")] {
                var bandwidth: [String: Int] = [:], action: [String: Int] = [:]
                if let limit = policy.rules.first(where: { $0.kind == .bandwidthLimit && $0.direction == direction }) {
                    bandwidth["rate"] = limit.maxKbps
                    if limit.maxBurstKbps > 0 { bandwidth["burst"] = limit.maxBurstKbps }
                }
                if direction == "egress", let mark = policy.rules.first(where: { $0.kind == .dscpMarking }) { action["dscp"] = mark.dscpMark }
                guard !bandwidth.isEmpty || !action.isEmpty else { continue }
                out.append(QoSSpec(direction: ovnDirection, match: "\(port) == \"\(p.id)\"", priority: 2002, bandwidth: bandwidth, action: action,
                                   externalIDs: ["neutron:port_id": p.id]))
            }
        }
        return .qosRules(switchName: OVNNames.logicalSwitch(network: network), out)
    }

    /// A router's port forwarding balancers: per floating IP and protocol, its forwardings as VIPs, on the router and on
    /// the switches of its interfaces.
    func portForwardingBalancers(router: String, forwarded: [(FloatingIP, [PortForwarding])], switches: [String]) -> NBIntent {
        let routerName = OVNNames.logicalRouter(router: router)
        var balancers: [LoadBalancerSpec] = []
        for (fip, forwardings) in forwarded {
            for proto in ["tcp", "udp"] {
                let mine = forwardings.filter { $0.protocol == proto }
                guard !mine.isEmpty else { continue }
                balancers.append(LoadBalancerSpec(
                    name: OVNNames.portForwardingBalancer(floatingIP: fip.id, protocol: proto), protocol: proto,
                    vips: Dictionary(mine.map { ("\(fip.address):\($0.externalPort)", "\($0.internalIPAddress):\($0.internalPort)") }) { a, _ in a },
                    externalIDs: [OVNKeys.deviceOwner: OVNKeys.portForwardingOwner, OVNKeys.fipID: fip.id, OVNKeys.routerName: routerName],
                    switches: switches))
            }
        }
        return .portForwardingBalancers(router: routerName, balancers)
    }

    /// `neutron_pg_drop`: every port with port security is in it; below the groups' ACLs it drops all IP.
    static let dropGroup = NBIntent.portGroup(PortGroupSpec(
        name: OVNNames.dropPortGroup, externalIDs: [:],
        acls: [
            ACLSpec(action: "drop", direction: "from-lport", match: "inport == @\(OVNNames.dropPortGroup) && ip", priority: 1001, externalIDs: [:]),
            ACLSpec(action: "drop", direction: "to-lport", match: "outport == @\(OVNNames.dropPortGroup) && ip", priority: 1001, externalIDs: [:]),
        ]))
}
