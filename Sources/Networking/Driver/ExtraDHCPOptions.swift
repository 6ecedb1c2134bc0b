/// A port's `extra_dhcp_opts` in OVN's terms, as ML2/OVN maps them: Neutron (dnsmasq) option names and numbers to
/// OVN DHCP option names, string options quoted, map options in braces; `dhcp_disabled=true` turns OVN's DHCP off
/// for the port; options OVN does not know are left out (ML2/OVN logs them).
enum ExtraDHCPOptions {
    /// What a port's options of one IP version come to.
    enum Effect: Equatable {
        /// OVN's DHCP is off for the port.
        case disabled
        /// The OVN options to add to the subnet's (empty: the subnet's row serves the port).
        case options([String: String])
    }

    /// Neutron's IPv4 name → OVN name (`SUPPORTED_DHCP_OPTS_MAPPING[4]`).
    static let ipv4: [String: String] = [
        "arp-timeout": "arp_cache_timeout", "tcp-keepalive": "tcp_keepalive_interval", "netmask": "netmask", "router": "router",
        "dns-server": "dns_server", "log-server": "log_server", "lpr-server": "lpr_server", "domain-name": "domain_name",
        "domain-search": "domain_search_list", "swap-server": "swap_server", "policy-filter": "policy_filter",
        "router-solicitation": "router_solicitation", "nis-server": "nis_server", "ntp-server": "ntp_server",
        "server-id": "server_id", "tftp-server": "tftp_server", "classless-static-route": "classless_static_route",
        "ms-classless-static-route": "ms_classless_static_route", "ip-forward-enable": "ip_forward_enable",
        "router-discovery": "router_discovery", "ethernet-encap": "ethernet_encap", "default-ttl": "default_ttl",
        "tcp-ttl": "tcp_ttl", "mtu": "mtu", "lease-time": "lease_time", "T1": "T1", "T2": "T2", "bootfile-name": "bootfile_name",
        "bootfile-name-alt": "bootfile_name_alt", "wpad": "wpad", "path-prefix": "path_prefix",
        "tftp-server-address": "tftp_server_address", "server-ip-address": "next_server",
        "1": "netmask", "3": "router", "6": "dns_server", "7": "log_server", "9": "lpr_server", "15": "domain_name",
        "16": "swap_server", "21": "policy_filter", "32": "router_solicitation", "35": "arp_cache_timeout",
        "38": "tcp_keepalive_interval", "41": "nis_server", "42": "ntp_server", "54": "server_id", "66": "tftp_server",
        "121": "classless_static_route", "249": "ms_classless_static_route", "19": "ip_forward_enable", "31": "router_discovery",
        "36": "ethernet_encap", "23": "default_ttl", "37": "tcp_ttl", "26": "mtu", "51": "lease_time", "58": "T1", "59": "T2",
        "67": "bootfile_name", "119": "domain_search_list", "252": "wpad", "210": "path_prefix", "150": "tftp_server_address",
        "255": "next_server",
    ]

    /// Neutron's IPv6 name → OVN name (`SUPPORTED_DHCP_OPTS_MAPPING[6]`).
    static let ipv6: [String: String] = [
        "server-id": "server_id", "dns-server": "dns_server", "domain-search": "domain_search", "ia-addr": "ia_addr",
        "2": "server_id", "5": "ia_addr", "24": "domain_search", "23": "dns_server",
    ]

    /// OVN options whose values are strings (quoted in the row).
    static let strings: Set<String> = ["domain_name", "domain_search_list", "bootfile_name", "bootfile_name_alt", "path_prefix",
                                       "wpad", "tftp_server"]
    /// OVN options whose values are maps (in braces; the port's entries join the subnet's).
    static let maps: Set<String> = ["classless_static_route"]

    /// The effect of `options` for one IP version.
    static func effect(_ options: [Port.DHCPOption], ipVersion: Int) -> Effect {
        let mapping = ipVersion == 4 ? ipv4 : ipv6
        var out: [String: String] = [:]
        for o in options where o.ipVersion == ipVersion {
            if o.name == "dhcp_disabled" {
                if o.value.lowercased() == "true" { return .disabled }
                continue
            }
            guard let name = mapping[o.name] else { continue }
            var value = o.value
            if strings.contains(name), !(value.hasPrefix("\"") && value.hasSuffix("\"")) { value = "\"\(value)\"" }
            if maps.contains(name), !(value.hasPrefix("{") && value.hasSuffix("}")) { value = "{\(value)}" }
            out[name] = value
        }
        return .options(out)
    }

    /// The subnet's row for one port: its options with the port's, map options joined (the subnet's entries first).
    static func merged(_ subnet: DHCPOptionsSpec, _ port: [String: String], portID: String) -> DHCPOptionsSpec {
        var spec = subnet
        for (name, value) in port {
            if maps.contains(name), let base = spec.options[name], base.count > 2 {
                spec.options[name] = "{\(base.dropFirst().dropLast()), \(value.dropFirst().dropLast())}"
            } else {
                spec.options[name] = value
            }
        }
        spec.externalIDs[OVNKeys.portID] = portID
        return spec
    }
}
