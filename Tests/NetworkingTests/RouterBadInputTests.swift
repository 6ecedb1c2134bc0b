import Foundation
import OpenStackAPI
import OpenStackAPITesting
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
        let admin: String
    }

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let status: Int
        let type: String
        let call: @Sendable (APIClient, Fixture) async throws -> APIResponse
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "interface on a subnet already attached", status: 400, type: "HTTPBadRequest") { c, f in
            try await c.put("/v2.0/routers/\(f.router)/add_router_interface", token: f.admin, json: ["subnet_id": .string(f.attachedSubnet)])
        },
        Case(name: "interface on a subnet without gateway IP", status: 400, type: "HTTPBadRequest") { c, f in
            try await c.put("/v2.0/routers/\(f.router)/add_router_interface", token: f.admin, json: ["subnet_id": .string(f.noGatewaySubnet)])
        },
        Case(name: "gateway on a network that is not external", status: 400, type: "HTTPBadRequest") { c, f in
            try await c.put("/v2.0/routers/\(f.router)", token: f.admin, json: ["router": ["external_gateway_info": ["network_id": .string(f.internalNetwork)]]])
        },
        Case(name: "floating IP on an internal network", status: 400, type: "HTTPBadRequest") { c, f in
            try await c.post("/v2.0/floatingips", token: f.admin, json: ["floatingip": ["floating_network_id": .string(f.internalNetwork)]])
        },
        Case(name: "floating IP for a port no router reaches", status: 404, type: "ExternalGatewayForFloatingIPNotFound") { c, f in
            try await c.post("/v2.0/floatingips", token: f.admin, json: ["floatingip": ["floating_network_id": .string(f.publicNetwork), "port_id": .string(f.unroutedPort)]])
        },
        Case(name: "delete a router with interfaces", status: 409, type: "RouterInUse") { c, f in
            try await c.delete("/v2.0/routers/\(f.router)", token: f.admin)
        },
        Case(name: "delete the external network in use", status: 409, type: "NetworkInUse") { c, f in
            try await c.delete("/v2.0/networks/\(f.publicNetwork)", token: f.admin)
        },
        Case(name: "remove an interface the router does not have", status: 404, type: "RouterInterfaceNotFoundForSubnet") { c, f in
            try await c.put("/v2.0/routers/\(f.router)/remove_router_interface", token: f.admin, json: ["subnet_id": .string(f.noGatewaySubnet)])
        },
        Case(name: "unknown router", status: 404, type: "RouterNotFound") { c, f in
            try await c.put("/v2.0/routers/0b5c7d3e-0000-0000-0000-000000000000/add_router_interface", token: f.admin, json: ["subnet_id": "x"])
        },
    ]

    @Test(arguments: cases) func refusedWithNothingWritten(_ c: Case) async throws {
        let t = try await TestNetworking.start()
        let publicNet = try await t.create("networks", ["name": "public", "router:external": true, "provider:network_type": "flat",
                                                        "provider:physical_network": "physnet1"])["id"]!.string!
        try await t.create("subnets", ["network_id": .string(publicNet), "ip_version": 4, "cidr": "203.0.113.0/24",
                                       "enable_dhcp": false, "gateway_ip": "203.0.113.254"])
        let (inner, innerSubnet) = try await t.networkWithSubnet("inner", cidr: "10.0.0.0/24")
        let (other, _) = try await t.networkWithSubnet("other", cidr: "10.1.0.0/24")
        let bare = try await t.create("subnets", ["network_id": .string(other), "ip_version": 4, "cidr": "10.2.0.0/24",
                                                  "gateway_ip": .null])["id"]!.string!
        let router = try await t.create("routers", ["name": "r", "external_gateway_info": ["network_id": .string(publicNet)]])["id"]!.string!
        let added = try await t.client.put("/v2.0/routers/\(router)/add_router_interface", token: t.admin, json: ["subnet_id": .string(innerSubnet)])
        #expect(added.status == 200, "\(added)")
        let unrouted = try await t.create("ports", ["network_id": .string(other)])["id"]!.string!
        let routed = try await t.create("ports", ["network_id": .string(inner)])["id"]!.string!
        try await t.create("floatingips", ["floating_network_id": .string(publicNet), "port_id": .string(routed)])
        let fixture = Fixture(router: router, attachedSubnet: innerSubnet, noGatewaySubnet: bare, internalNetwork: inner,
                              publicNetwork: publicNet, unroutedPort: unrouted, admin: t.admin)
        let nbBefore = t.northbound()
        let before = (try await t.list("routers"), try await t.list("floatingips").count, try await t.list("ports").count)

        let r = try await c.call(t.client, fixture)
        #expect(r.status >= 400, "\(c.name): accepted: \(r)")
        #expect(r.status == c.status, "\(c.name): \(r)")
        #expect(r.neutronType == c.type, "\(c.name): \(r)")
        let after = (try await t.list("routers"), try await t.list("floatingips").count, try await t.list("ports").count)
        #expect(after.0 == before.0 && after.1 == before.1 && after.2 == before.2)
        try await t.restart()
        #expect(t.northbound() == nbBefore)
        await t.destroy()
    }
}
