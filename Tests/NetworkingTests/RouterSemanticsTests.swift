import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// Where Neutron's behaviour was found to differ: floating IP moves, interfaces that routes need, gateway addresses.
@Suite struct RouterSemanticsTests {
    /// A public network, a router with its gateway there, and two routed inner networks (the second on a second router).
    struct Topology {
        let t: TestNetworking
        let publicNet: String, routers: [String], inner: [(network: String, subnet: String)]
    }

    static func topology() async throws -> Topology {
        let t = try await TestNetworking.start()
        let publicNet = try await t.create("networks", ["name": "public", "router:external": true, "provider:network_type": "flat",
                                                        "provider:physical_network": "physnet1"])["id"]!.string!
        try await t.create("subnets", ["network_id": .string(publicNet), "ip_version": 4, "cidr": "203.0.113.0/24",
                                       "enable_dhcp": false, "gateway_ip": "203.0.113.254"])
        var routers: [String] = [], inner: [(String, String)] = []
        for n in 0..<2 {
            let router = try await t.create("routers", ["name": .string("r\(n)"), "external_gateway_info": ["network_id": .string(publicNet)]])
            let net = try await t.networkWithSubnet("inner\(n)", cidr: "10.\(n).0.0/24")
            let r = try await t.client.put("/v2.0/routers/\(router["id"]!.string!)/add_router_interface", token: t.admin,
                                           json: ["subnet_id": .string(net.subnet)])
            #expect(r.status == 200, "\(r)")
            routers.append(router["id"]!.string!)
            inner.append(net)
        }
        return Topology(t: t, publicNet: publicNet, routers: routers, inner: inner)
    }

    /// The `dnat_and_snat` rows of `address`, as (logical_ip, router name).
    static func nat(_ replica: Replica, _ address: String) -> [String] {
        replica.rows(NB.LogicalRouter.table).flatMap { lr in
            (lr["nat"]?.uuids ?? []).compactMap { replica.row(NB.NAT.table, $0) }
                .filter { $0["type"]?.string == "dnat_and_snat" && $0["external_ip"]?.string == address }
                .map { "\($0["logical_ip"]?.string ?? "") \(lr["name"]?.string ?? "")" }
        }
    }

    @Test func aFloatingIPMovesInOneTransaction() async throws {
        let topo = try await Self.topology()
        let t = topo.t
        let a = try await t.create("ports", ["network_id": .string(topo.inner[0].network)])
        let b = try await t.create("ports", ["network_id": .string(topo.inner[0].network)])
        let c = try await t.create("ports", ["network_id": .string(topo.inner[1].network)])
        @Sendable func ip(_ p: JSONObject) -> String { p["fixed_ips"]!.array![0]["ip_address"]!.string! }
        let fip = try await t.create("floatingips", ["floating_network_id": .string(topo.publicNet), "port_id": a["id"]!])
        let address = fip["floating_ip_address"]!.string!, id = fip["id"]!.string!
        try await t.waitNB { Self.nat($0, address) == ["\(ip(a)) neutron-\(topo.routers[0])"] }

        // To another port behind the same router, then to one behind the other router: exactly one row each time
        // (a stale row would stay until the next repair pass, and the wait would time out).
        for (port, router) in [(b, topo.routers[0]), (c, topo.routers[1])] {
            let moved = try await t.update("floatingips", id, ["port_id": port["id"]!])
            #expect(moved["router_id"]?.string == router && moved["fixed_ip_address"]?.string == ip(port))
            let want = ["\(ip(port)) neutron-\(router)"]
            do { try await t.waitNB { Self.nat($0, address) == want } } catch {
                Issue.record("NAT rows for \(address): \(Self.nat(t.server.northbound.replica, address)), want \(want)")
            }
        }
        await t.destroy()
    }

    @Test func anInterfaceARouteNeedsStays() async throws {
        let topo = try await Self.topology()
        let t = topo.t
        let router = topo.routers[0], subnet = topo.inner[0].subnet
        try await t.update("routers", router, ["routes": [["destination": "192.168.50.0/24", "nexthop": "10.0.0.50"]]])
        let before = try await t.show("routers", router)
        let nbBefore = t.northbound()
        let r = try await t.client.put("/v2.0/routers/\(router)/remove_router_interface", token: t.admin, json: ["subnet_id": .string(subnet)])
        #expect(r.status == 409 && r.neutronType == "RouterInterfaceInUseByRoute", "\(r)")
        #expect(r.json["NeutronError"]?["message"]?.string
            == "Router interface for subnet \(subnet) on router \(router) cannot be deleted, as it is required by one or more routes.")
        #expect(try await t.show("routers", router) == before)
        #expect(t.northbound() == nbBefore)
        try await t.update("routers", router, ["routes": []])
        let removed = try await t.client.put("/v2.0/routers/\(router)/remove_router_interface", token: t.admin,
                                             json: ["subnet_id": .string(subnet)])
        #expect(removed.status == 200, "\(removed)")
        await t.destroy()
    }

    @Test func aPortMayTakeTheGatewayAddress() async throws {
        let t = try await TestNetworking.start()
        let (net, subnet) = try await t.networkWithSubnet("n", cidr: "10.5.0.0/24")
        let port = try await t.create("ports", ["network_id": .string(net),
                                                "fixed_ips": [["subnet_id": .string(subnet), "ip_address": "10.5.0.1"]]])
        #expect(port["fixed_ips"]?.array?.first?["ip_address"]?.string == "10.5.0.1")
        // It is then in use like any address.
        let r = try await t.client.post("/v2.0/ports", token: t.admin, json: ["port": ["network_id": .string(net),
            "fixed_ips": [["ip_address": "10.5.0.1"]]]])
        #expect(r.status == 409 && r.neutronType == "IpAddressAlreadyAllocated", "\(r)")
        // And a router interface can be made with that port.
        let router = try await t.create("routers", ["name": "r"])["id"]!.string!
        let added = try await t.client.put("/v2.0/routers/\(router)/add_router_interface", token: t.admin, json: ["port_id": port["id"]!])
        #expect(added.status == 200, "\(added)")
        await t.destroy()
    }

    @Test func anIPv6GatewayGetsItsDefaultRoute() async throws {
        let t = try await TestNetworking.start()
        let ext = try await t.create("networks", ["name": "ext6", "router:external": true])["id"]!.string!
        let v6 = try await t.create("subnets", ["network_id": .string(ext), "ip_version": 6, "cidr": "2001:db8:9::/64", "enable_dhcp": false])
        let router = try await t.create("routers", ["name": "r6", "external_gateway_info": [
            "network_id": .string(ext), "external_fixed_ips": [["subnet_id": v6["id"]!, "ip_address": "2001:db8:9::10"]]]])
        #expect(router["external_gateway_info"]?["external_fixed_ips"]?.array?.first?["ip_address"]?.string == "2001:db8:9::10")
        let name = "neutron-\(router["id"]!.string!)", gateway = v6["gateway_ip"]!.string!
        try await t.waitNB { nb in
            guard let lr = nb.rows(NB.LogicalRouter.table).first(where: { $0["name"]?.string == name }) else { return false }
            return (lr["static_routes"]?.uuids ?? []).compactMap { nb.row(NB.LogicalRouterStaticRoute.table, $0) }
                .contains { $0["ip_prefix"]?.string == "::/0" && $0["nexthop"]?.string == gateway }
        }
        await t.destroy()
    }

    @Test func deletingASLAACSubnetTakesItsAddressesFromThePorts() async throws {
        let t = try await TestNetworking.start()
        let (net, v4) = try await t.networkWithSubnet("dual", cidr: "10.6.0.0/24")
        let slaac = try await t.create("subnets", ["network_id": .string(net), "ip_version": 6, "cidr": "2001:db8:6::/64",
                                                   "ipv6_ra_mode": "slaac", "ipv6_address_mode": "slaac"])["id"]!.string!
        let port = try await t.create("ports", ["network_id": .string(net)])
        #expect(port["fixed_ips"]?.array?.count == 2)
        #expect(try await t.client.delete("/v2.0/subnets/\(slaac)", token: t.admin).status == 204)
        let after = try await t.show("ports", port["id"]!.string!)
        #expect(after["fixed_ips"]?.array?.map { $0["subnet_id"]?.string } == [v4])
        // An allocated (IPv4) address still keeps its subnet.
        #expect(try await t.client.delete("/v2.0/subnets/\(v4)", token: t.admin).status == 409)
        await t.destroy()
    }

    @Test func inUseErrorsNameThePorts() async throws {
        let t = try await TestNetworking.start()
        let (net, subnet) = try await t.networkWithSubnet("n", cidr: "10.44.0.0/24")
        let p1 = try await t.create("ports", ["network_id": .string(net)])["id"]!.string!
        let p2 = try await t.create("ports", ["network_id": .string(net)])["id"]!.string!
        let refused = try await t.client.delete("/v2.0/networks/\(net)", token: t.admin)
        let message = refused.json["NeutronError"]?["message"]?.string ?? ""
        #expect(refused.status == 409 && refused.neutronType == "NetworkInUse", "\(refused)")
        #expect(message.hasPrefix("Unable to complete operation on network \(net). There are one or more ports still in use on the network, id for these ports is: ")
                && message.contains(p1) && message.contains(p2), "\(message)")

        let router = try await t.create("routers", ["name": "r"])["id"]!.string!
        let added = try await t.client.put("/v2.0/routers/\(router)/add_router_interface", token: t.admin, json: ["subnet_id": .string(subnet)])
        let interface = try #require(added.json["port_id"]?.string, "\(added)")
        let busy = try await t.client.delete("/v2.0/routers/\(router)", token: t.admin)
        #expect(busy.status == 409 && busy.json["NeutronError"]?["message"]?.string == "Router \(router) has ports still attached: \(interface)", "\(busy)")
        await t.destroy()
    }
}
