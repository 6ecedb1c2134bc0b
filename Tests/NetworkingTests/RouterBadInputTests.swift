import Foundation
import Networking
import OpenStackAPI
import Testing

/// Bad L3 requests get Neutron's error type and status and leave the database and the Northbound as they were.
@Suite struct RouterBadInputTests {
    struct Fixture: Sendable {
        let router: String
        let attachedSubnet: String
        let noGatewaySubnet: String
        let internalNetwork: String
        let publicNetwork: String
        let unroutedPort: String
    }

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let status: Int
        let type: String
        let call: @Sendable (NetworkingCore, Fixture) async throws -> Void
        var description: String { name }
    }

    static let admin = TestNetworking.admin

    static let cases: [Case] = [
        Case(name: "interface on a subnet already attached", status: 400, type: "HTTPBadRequest") { c, f in
            _ = try await c.addInterface(f.router, ["subnet_id": .string(f.attachedSubnet)], admin)
        },
        Case(name: "interface on a subnet without gateway IP", status: 400, type: "HTTPBadRequest") { c, f in
            _ = try await c.addInterface(f.router, ["subnet_id": .string(f.noGatewaySubnet)], admin)
        },
        Case(name: "gateway on a network that is not external", status: 400, type: "HTTPBadRequest") { c, f in
            _ = try await c.updateRouter(f.router, ["router": ["external_gateway_info": ["network_id": .string(f.internalNetwork)]]], admin)
        },
        Case(name: "floating IP on an internal network", status: 400, type: "HTTPBadRequest") { c, f in
            _ = try await c.createFloatingIP(["floatingip": ["floating_network_id": .string(f.internalNetwork)]], admin)
        },
        Case(name: "floating IP for a port no router reaches", status: 404, type: "ExternalGatewayForFloatingIPNotFound") { c, f in
            _ = try await c.createFloatingIP(["floatingip": ["floating_network_id": .string(f.publicNetwork), "port_id": .string(f.unroutedPort)]], admin)
        },
        Case(name: "delete a router with interfaces", status: 409, type: "RouterInUse") { c, f in
            try await c.deleteRouter(f.router, admin)
        },
        Case(name: "delete the external network in use", status: 409, type: "NetworkInUse") { c, f in
            try await c.deleteNetwork(f.publicNetwork, admin)
        },
        Case(name: "remove an interface the router does not have", status: 404, type: "RouterInterfaceNotFoundForSubnet") { c, f in
            _ = try await c.removeInterface(f.router, ["subnet_id": .string(f.noGatewaySubnet)], admin)
        },
        Case(name: "unknown router", status: 404, type: "RouterNotFound") { c, _ in
            _ = try await c.addInterface("0b5c7d3e-0000-0000-0000-000000000000", ["subnet_id": "x"], admin)
        },
    ]

    @Test(arguments: cases) func refusedWithNothingWritten(_ c: Case) async throws {
        let t = try await TestNetworking()
        let core = t.core
        let publicNet = try await core.createNetwork(["network": ["name": "public", "router:external": true, "provider:network_type": "flat",
                                                                  "provider:physical_network": "physnet1"]], Self.admin)["id"]!.string!
        _ = try await core.createSubnet(["subnet": ["network_id": .string(publicNet), "ip_version": 4, "cidr": "203.0.113.0/24",
                                                    "enable_dhcp": false, "gateway_ip": "203.0.113.254"]], Self.admin)
        let (inner, innerSubnet) = try await t.networkWithSubnet("inner", cidr: "10.0.0.0/24")
        let (other, _) = try await t.networkWithSubnet("other", cidr: "10.1.0.0/24")
        let bare = try await core.createSubnet(["subnet": ["network_id": .string(other), "ip_version": 4, "cidr": "10.2.0.0/24",
                                                          "gateway_ip": .null]], Self.admin)["id"]!.string!
        let router = try await core.createRouter(["router": ["name": "r", "external_gateway_info": ["network_id": .string(publicNet)]]], Self.admin)["id"]!.string!
        _ = try await core.addInterface(router, ["subnet_id": .string(innerSubnet)], Self.admin)
        let unrouted = try await core.createPort(["port": ["network_id": .string(other)]], Self.admin)["id"]!.string!
        let routed = try await core.createPort(["port": ["network_id": .string(inner)]], Self.admin)["id"]!.string!
        _ = try await core.createFloatingIP(["floatingip": ["floating_network_id": .string(publicNet), "port_id": .string(routed)]], Self.admin)
        let fixture = Fixture(router: router, attachedSubnet: innerSubnet, noGatewaySubnet: bare, internalNetwork: inner,
                              publicNetwork: publicNet, unroutedPort: unrouted)
        let nbBefore = t.northbound()
        let before = await (core.listRouters(Self.admin), core.listFloatingIPs(Self.admin).count, core.listPorts(Self.admin).count)

        do {
            try await c.call(core, fixture)
            Issue.record("\(c.name): accepted")
        } catch let error as APIError {
            #expect(error.status == c.status, "\(c.name): \(error.message)")
            #expect(error.type == c.type, "\(c.name): \(error.message)")
        }
        let after = await (core.listRouters(Self.admin), core.listFloatingIPs(Self.admin).count, core.listPorts(Self.admin).count)
        #expect(after.0 == before.0 && after.1 == before.1 && after.2 == before.2)
        try await t.restart()
        #expect(t.northbound() == nbBefore)
        await t.destroy()
    }
}
