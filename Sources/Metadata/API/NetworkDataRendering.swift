import OpenStackAPI

/// `network_data.json`: one `ovs` link per port (`tap` + the port id's first 11 characters, as nova names the
/// device), one network per fixed IP (`ipv4_dhcp` on a DHCP subnet, else static with its routes), the DNS servers.
enum NetworkDataRendering {
    static func networkData(_ m: InstanceMetadata) -> JSON {
        var links: [JSON] = [], networks: [JSON] = [], dns: [String] = []
        for (n, port) in m.ports.enumerated() {
            let link = "tap" + String((port.id ?? "port\(n)").prefix(11))
            links.append(["id": .string(link), "vif_id": .optional(port.id), "type": "ovs", "mtu": port.mtu.map(JSON.int) ?? .null,
                          "ethernet_mac_address": .string(port.mac)])
            for ip in port.fixedIPs {
                for server in ip.dnsServers where !dns.contains(server) { dns.append(server) }
                networks.append(network(ip, id: "network\(networks.count)", link: link, networkID: port.networkID))
            }
        }
        return ["links": .array(links), "networks": .array(networks),
                "services": .array(dns.map { ["type": "dns", "address": .string($0)] })]
    }

    static func network(_ ip: InstanceMetadata.FixedIP, id: String, link: String, networkID: String?) -> JSON {
        if ip.dhcp {
            return ["id": .string(id), "type": .string(ip.version == 4 ? "ipv4_dhcp" : "ipv6_dhcpv6-stateful"), "link": .string(link),
                    "network_id": .optional(networkID)]
        }
        let everywhere = ip.version == 4 ? "0.0.0.0" : "::"
        var routes: [JSON] = []
        if let gateway = ip.gateway { routes.append(["network": .string(everywhere), "netmask": .string(everywhere), "gateway": .string(gateway)]) }
        for route in ip.hostRoutes {
            let (network, mask) = split(route.destination, version: ip.version)
            routes.append(["network": .string(network), "netmask": .string(mask), "gateway": .string(route.nextHop)])
        }
        return ["id": .string(id), "type": .string(ip.version == 4 ? "ipv4" : "ipv6"), "link": .string(link),
                "ip_address": .string(ip.address), "netmask": .string(split(ip.cidr ?? "", version: ip.version).mask),
                "routes": .array(routes), "network_id": .optional(networkID),
                "services": .array(ip.dnsServers.map { ["type": "dns", "address": .string($0)] })]
    }

    /// A CIDR as (network, netmask); IPv4 masks dotted, IPv6 masks as the prefix length.
    static func split(_ cidr: String, version: Int) -> (network: String, mask: String) {
        let parts = cidr.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let length = Int(parts[1]) else { return (cidr, "") }
        guard version == 4, (0...32).contains(length) else { return (parts[0], parts[1]) }
        let bits: UInt32 = length == 0 ? 0 : ~UInt32(0) << (32 - UInt32(length))
        return (parts[0], [24, 16, 8, 0].map { String((bits >> UInt32($0)) & 0xff) }.joined(separator: "."))
    }
}
