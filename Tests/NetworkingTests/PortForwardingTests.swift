import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// Floating IP port forwardings as ML2/OVN writes them: one Load_Balancer per floating IP and protocol
/// (`pf-floatingip-<id>-<protocol>`, VIPs `<fip>:<external>` → `<internal>:<port>`), on the router and on its
/// internal switches; Neutron's checks and errors.
@Suite struct PortForwardingTests {
    static func balancer(_ nb: Replica, _ name: String) -> Row? {
        nb.rows(NB.LoadBalancer.table).first { $0["name"]?.string == name }
    }

    @Test func forwardingsAreLoadBalancersOnTheRouter() async throws {
        let t = try await TestNetworking.start()
        let publicNet = try await t.create("networks", ["name": "public", "router:external": true])["id"]!.string!
        try await t.create("subnets", ["network_id": .string(publicNet), "ip_version": 4, "cidr": "203.0.113.0/24"])
        let (net, subnet) = try await t.networkWithSubnet("inner", cidr: "10.77.0.0/24")
        let router = try await t.create("routers", ["name": "r", "external_gateway_info": ["network_id": .string(publicNet)]])["id"]!.string!
        _ = try await t.client.put("/v2.0/routers/\(router)/add_router_interface", token: t.admin, json: ["subnet_id": .string(subnet)])
        let vm = try await t.create("ports", ["network_id": .string(net), "fixed_ips": [["ip_address": "10.77.0.20"]]])["id"]!.string!
        let fip = try await t.create("floatingips", ["floating_network_id": .string(publicNet)])
        let fipID = fip["id"]!.string!, address = fip["floating_ip_address"]!.string!
        let base = "/v2.0/floatingips/\(fipID)/port_forwardings"

        let r = try await t.client.post(base, token: t.admin, json: ["port_forwarding": [
            "protocol": "tcp", "internal_port_id": .string(vm), "internal_port": 80, "external_port": 8080, "description": "web"]])
        #expect(r.status == 201, "\(r)")
        let pf = try #require(r.json["port_forwarding"]?.object)
        let pfID = try #require(pf["id"]?.string)
        #expect(pf["internal_ip_address"]?.string == "10.77.0.20" && pf["description"]?.string == "web", "\(pf)")
        _ = try await t.client.post(base, token: t.admin, json: ["port_forwarding": [
            "protocol": "udp", "internal_port_id": .string(vm), "internal_port": 53, "external_port": 5353]])
        let shown = try await t.show("floatingips", fipID)
        #expect(shown["router_id"]?.string == router && shown["status"]?.string == "ACTIVE" && shown["port_id"]?.isNull == true, "\(shown)")
        #expect(shown["port_forwardings"]?.array?.count == 2 && shown["port_forwardings"]?.array?.first?["internal_port_id"]?.string == vm, "\(shown)")

        let tcp = "pf-floatingip-\(fipID)-tcp", udp = "pf-floatingip-\(fipID)-udp"
        try await t.waitNB { nb in
            guard let lb = Self.balancer(nb, tcp), Self.balancer(nb, udp) != nil,
                  let lr = nb.rows(NB.LogicalRouter.table).first(where: { $0["name"]?.string == "neutron-\(router)" }),
                  let ls = nb.rows(NB.LogicalSwitch.table).first(where: { $0["name"]?.string == "neutron-\(net)" }) else { return false }
            return lb["vips"]?.stringMap == ["\(address):8080": "10.77.0.20:80"]
                && lb["external_ids"]?.stringMap == ["neutron:device_owner": "port_forwarding_plugin", "neutron:fip_id": .init(fipID),
                                                     "neutron:router_name": "neutron-\(router)"]
                && lr["load_balancer"]?.uuids.contains(lb.uuid) == true && ls["load_balancer"]?.uuids.contains(lb.uuid) == true
        }

        // A second forwarding on the same external port and protocol, an association, a bad port: Neutron's errors.
        let duplicate = try await t.client.post(base, token: t.admin, json: ["port_forwarding": [
            "protocol": "tcp", "internal_port_id": .string(vm), "internal_port": 81, "external_port": 8080]])
        #expect(duplicate.status == 400, "\(duplicate)")
        let associate = try await t.client.put("/v2.0/floatingips/\(fipID)", token: t.admin, json: ["floatingip": ["port_id": .string(vm)]])
        #expect(associate.status == 409 && associate.neutronType == "FipInUseByPortForwarding", "\(associate)")
        let gone = try await t.client.delete("/v2.0/floatingips/\(fipID)", token: t.admin)
        #expect(gone.status == 409 && gone.neutronType == "FipInUseByPortForwarding", "\(gone)")
        for body: JSONObject in [["protocol": "icmp", "internal_port_id": .string(vm), "internal_port": 1, "external_port": 2],
                                 ["protocol": "tcp", "internal_port_id": .string(vm), "internal_port": 0, "external_port": 2],
                                 ["protocol": "tcp", "internal_port_id": .string(vm), "internal_port": 1],
                                 ["protocol": "tcp", "internal_port_id": .string(vm), "internal_port": 1, "external_port": 2, "internal_ip_address": "10.77.0.99"]] {
            let bad = try await t.client.post(base, token: t.admin, json: ["port_forwarding": .object(body)])
            #expect(bad.status == 400, "\(body): \(bad)")
        }
        #expect(try await t.client.get(base, token: t.admin).json["port_forwardings"]?.array?.count == 2)

        // An update moves the VIP; kept across a restart; deleting the port deletes its forwardings, and the balancers go.
        let moved = try await t.client.put(base + "/\(pfID)", token: t.admin, json: ["port_forwarding": ["external_port": 8443]])
        #expect(moved.json["port_forwarding"]?["external_port"]?.int == 8443, "\(moved)")
        try await t.waitNB { nb in Self.balancer(nb, tcp)?["vips"]?.stringMap == ["\(address):8443": "10.77.0.20:80"] }
        try await t.restart()
        #expect(try await t.client.get(base + "/\(pfID)", token: t.admin).json["port_forwarding"]?["external_port"]?.int == 8443)
        // The interface the forwardings go through stays while they are there.
        let interfaceBusy = try await t.client.put("/v2.0/routers/\(router)/remove_router_interface", token: t.admin, json: ["subnet_id": .string(subnet)])
        #expect(interfaceBusy.status == 409 && interfaceBusy.neutronType == "RouterInterfaceInUseByFloatingIP", "\(interfaceBusy)")
        // A new address for the port drops the forwardings to its old one (the UDP one here goes the same way).
        try await t.update("ports", vm, ["fixed_ips": [["ip_address": "10.77.0.21"]]])
        #expect(try await t.client.get(base + "/\(pfID)", token: t.admin).status == 404)
        try await t.waitNB { nb in Self.balancer(nb, tcp) == nil }
        #expect(try await t.client.delete("/v2.0/ports/\(vm)", token: t.admin).status == 204)
        #expect(try await t.client.get(base + "/\(pfID)", token: t.admin).status == 404)
        #expect(try await t.show("floatingips", fipID)["router_id"]?.isNull == true)
        try await t.waitNB { nb in Self.balancer(nb, tcp) == nil && Self.balancer(nb, udp) == nil }
        await t.destroy()
    }
}
