import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// IPv6 in the Northbound as ML2/OVN writes it: DHCPv6 options rows for DHCPv6 subnets (none for SLAAC), the LSP's
/// `dhcpv6_options`, and router advertisements (`ipv6_ra_configs`) on the router ports of subnets with an address mode.
@Suite struct IPv6NBTests {
    static func lsp(_ nb: Replica, _ port: String) -> Row? {
        nb.rows(NB.LogicalSwitchPort.table).first { $0["name"]?.string == port }
    }

    static func subnetOptions(_ nb: Replica, _ subnet: String) -> [Row] {
        nb.rows(NB.DHCPOptions.table).filter {
            $0["external_ids"]?.stringMap["subnet_id"] == subnet && $0["external_ids"]?.stringMap["port_id"] == nil
        }
    }

    static func lrp(_ nb: Replica, _ port: String) -> Row? {
        nb.rows(NB.LogicalRouterPort.table).first { $0["name"]?.string == "lrp-\(port)" }
    }

    func subnet(_ t: TestNetworking, _ net: String, _ cidr: String, mode: String?, extra: JSONObject = [:]) async throws -> String {
        var body: JSONObject = ["network_id": .string(net), "ip_version": 6, "cidr": .string(cidr)]
        if let mode { body["ipv6_ra_mode"] = .string(mode); body["ipv6_address_mode"] = .string(mode) }
        for (k, v) in extra { body[k] = v }
        return try await t.create("subnets", body)["id"]!.string!
    }

    @Test func dhcpv6OptionsPerAddressMode() async throws {
        let t = try await TestNetworking.start()
        let net = try await t.create("networks", ["name": "v6"])["id"]!.string!
        let slaac = try await subnet(t, net, "2001:db8:1::/64", mode: "slaac")
        let stateless = try await subnet(t, net, "2001:db8:2::/64", mode: "dhcpv6-stateless",
                                         extra: ["dns_nameservers": ["2001:db8::53"]])
        let stateful = try await subnet(t, net, "2001:db8:3::/64", mode: "dhcpv6-stateful")
        let off = try await subnet(t, net, "2001:db8:4::/64", mode: nil, extra: ["enable_dhcp": false])
        let port = try await t.create("ports", ["network_id": .string(net)])
        let id = port["id"]!.string!
        // As Neutron's IPAM: one address from a DHCPv6-stateful (or mode-less) subnet, the EUI-64 one of each other.
        let inSubnets = Set((port["fixed_ips"]?.array ?? []).compactMap { $0["subnet_id"]?.string })
        #expect(inSubnets.count == 3 && inSubnets.isSuperset(of: [slaac, stateless]) && inSubnets.intersection([stateful, off]).count == 1, "\(port)")
        if !inSubnets.contains(stateful) {
            try await t.update("ports", id, ["fixed_ips": [["subnet_id": .string(slaac)], ["subnet_id": .string(stateless)], ["subnet_id": .string(stateful)]]])
        }
        try await t.waitNB { nb in
            guard Self.subnetOptions(nb, slaac).isEmpty, Self.subnetOptions(nb, off).isEmpty,
                  let sl = Self.subnetOptions(nb, stateless).first, let sf = Self.subnetOptions(nb, stateful).first,
                  let lsp = Self.lsp(nb, id) else { return false }
            let slo = sl["options"]?.stringMap ?? [:], sfo = sf["options"]?.stringMap ?? [:]
            return slo["dhcpv6_stateless"] == "true" && slo["dns_server"] == "{2001:db8::53}" && slo["server_id"]?.count == 17
                && sfo["dhcpv6_stateless"] == nil && sfo["server_id"]?.count == 17 && sfo["lease_time"] == nil
                && sf["cidr"]?.string == "2001:db8:3::/64"
                // The stateful subnet serves the port (it gives the address); no DHCPv4 without an IPv4 subnet.
                && lsp["dhcpv6_options"]?.uuids == [sf.uuid] && lsp["dhcpv4_options"]?.uuids.isEmpty == true
        }

        // A port only on the stateless subnet is served by it.
        let p2 = try await t.create("ports", ["network_id": .string(net), "fixed_ips": [["subnet_id": .string(stateless)]]])["id"]!.string!
        try await t.waitNB { nb in
            Self.lsp(nb, p2)?["dhcpv6_options"]?.uuids == Self.subnetOptions(nb, stateless).map(\.uuid)
        }

        // A port's own DHCPv6 options get their own row; dhcp_disabled for IPv6 takes DHCPv6 away.
        try await t.update("ports", p2, ["extra_dhcp_opts": [["opt_name": "domain-search", "opt_value": "example.org", "ip_version": 6]]])
        try await t.waitNB { nb in
            let own = nb.rows(NB.DHCPOptions.table).filter { $0["external_ids"]?.stringMap["port_id"] == p2 }
            guard own.count == 1, let row = own.first else { return false }
            let o = row["options"]?.stringMap ?? [:]
            return o["domain_search"] == "example.org" && o["dhcpv6_stateless"] == "true" && row["cidr"]?.string == "2001:db8:2::/64"
                && Self.lsp(nb, p2)?["dhcpv6_options"]?.uuids == [row.uuid]
        }
        try await t.update("ports", p2, ["extra_dhcp_opts": [["opt_name": "dhcp_disabled", "opt_value": "true", "ip_version": 6]]])
        try await t.waitNB { nb in
            nb.rows(NB.DHCPOptions.table).allSatisfy { $0["external_ids"]?.stringMap["port_id"] != p2 }
                && Self.lsp(nb, p2)?["dhcpv6_options"]?.uuids.isEmpty == true
        }

        // Deleting a DHCPv6 subnet removes its row; the stateless one then serves the first port.
        #expect(try await t.client.delete("/v2.0/ports/\(p2)", token: t.admin).status == 204)
        #expect(try await t.client.delete("/v2.0/subnets/\(stateful)", token: t.admin).status == 409, "the port still has an address in it")
        try await t.update("ports", id, ["fixed_ips": [["subnet_id": .string(slaac)], ["subnet_id": .string(stateless)]]])
        #expect(try await t.client.delete("/v2.0/subnets/\(stateful)", token: t.admin).status == 204)
        try await t.waitNB { nb in
            Self.subnetOptions(nb, stateful).isEmpty
                && Self.lsp(nb, id)?["dhcpv6_options"]?.uuids == Self.subnetOptions(nb, stateless).map(\.uuid)
        }
        // Nothing to repair after a restart.
        try await t.restart()
        try await t.waitNB { nb in nb.rows(NB.DHCPOptions.table).count == 1 }
        await t.destroy()
    }

    @Test func routerAdvertisementsOnRouterPorts() async throws {
        let t = try await TestNetworking.start()
        let net = try await t.create("networks", ["name": "v6"])["id"]!.string!
        let slaac = try await subnet(t, net, "2001:db8:10::/64", mode: "slaac")
        let v4 = try await t.create("subnets", ["network_id": .string(net), "ip_version": 4, "cidr": "10.9.0.0/24"])["id"]!.string!
        let router = try await t.create("routers", ["name": "r"])["id"]!.string!
        let iface6 = try await t.client.put("/v2.0/routers/\(router)/add_router_interface", token: t.admin, json: ["subnet_id": .string(slaac)])
        let iface4 = try await t.client.put("/v2.0/routers/\(router)/add_router_interface", token: t.admin, json: ["subnet_id": .string(v4)])
        let port6 = try #require(iface6.json["port_id"]?.string, "\(iface6)")
        let port4 = try #require(iface4.json["port_id"]?.string, "\(iface4)")
        try await t.waitNB { nb in
            Self.lrp(nb, port6)?["ipv6_ra_configs"]?.stringMap == ["address_mode": "slaac", "send_periodic": "true", "mtu": "1442"]
                && Self.lrp(nb, port6)?["networks"]?.strings == ["2001:db8:10::1/64"]
                && Self.lrp(nb, port4)?["ipv6_ra_configs"]?.stringMap == [:]
        }
        // The network's MTU reaches the advertisements.
        try await t.update("networks", net, ["mtu": 1400])
        try await t.waitNB { nb in Self.lrp(nb, port6)?["ipv6_ra_configs"]?.stringMap["mtu"] == "1400" }

        // A gateway on a provider network with a DHCPv6-stateful subnet sends no periodic RAs there.
        let ext = try await t.create("networks", ["name": "ext6", "router:external": true, "provider:network_type": "flat",
                                                  "provider:physical_network": "physnet1"])["id"]!.string!
        _ = try await subnet(t, ext, "2001:db8:ff::/64", mode: "dhcpv6-stateful")
        let gw = try await t.update("routers", router, ["external_gateway_info": ["network_id": .string(ext)]])
        #expect(gw["external_gateway_info"]?["external_fixed_ips"]?.array?.count == 1, "\(gw)")
        let gwPort = try #require(try await t.list("ports", "device_owner=network:router_gateway&device_id=\(router)").first?["id"]?.string)
        try await t.waitNB { nb in
            Self.lrp(nb, gwPort)?["ipv6_ra_configs"]?.stringMap == ["address_mode": "dhcpv6_stateful", "send_periodic": "false", "mtu": "1500"]
        }
        await t.destroy()
    }

    @Test func aNewSLAACSubnetAddressesTheNetworksPorts() async throws {
        let t = try await TestNetworking.start()
        let (net, v4) = try await t.networkWithSubnet("n", cidr: "10.12.0.0/24")
        let port = try await t.create("ports", ["network_id": .string(net)])
        let id = port["id"]!.string!, mac = port["mac_address"]!.string!
        let router = try await t.create("routers", ["name": "r"])["id"]!.string!
        let added = try await t.client.put("/v2.0/routers/\(router)/add_router_interface", token: t.admin, json: ["subnet_id": .string(v4)])
        let interface = try #require(added.json["port_id"]?.string)
        let slaac = try await subnet(t, net, "2001:db8:12::/64", mode: "slaac")
        let shown = try await t.show("ports", id)
        let v6 = (shown["fixed_ips"]?.array ?? []).first { $0["subnet_id"]?.string == slaac }?["ip_address"]?.string
        #expect(v6?.hasPrefix("2001:db8:12:0:") == true && shown["revision_number"]?.int == (port["revision_number"]?.int ?? 0) + 1, "\(shown)")
        #expect(try await t.show("ports", interface)["fixed_ips"]?.array?.count == 1, "a router interface takes no SLAAC address")
        let expected = "\(mac) \(port["fixed_ips"]!.array![0]["ip_address"]!.string!) \(v6 ?? "?")"
        try await t.waitNB { nb in
            Self.lsp(nb, id)?["addresses"]?.strings == [expected]
        }
        await t.destroy()
    }
}
