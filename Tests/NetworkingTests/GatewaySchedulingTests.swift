import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import OVSDBTestSupport
import Testing

/// Router gateways go to the chassis with `enable-chassis-as-gw`, least loaded first, and follow
/// gateway chassis that join or leave the Southbound.
@Suite struct GatewaySchedulingTests {
    @Test func gatewaysAreSpreadAndFollowTheChassis() async throws {
        @Sendable func addGateway(_ sb: TestOVSDBServer, _ name: String, _ n: Int) throws {
            try sb.tool("ovn-sbctl", ["chassis-add", name, "geneve", "127.0.1.\(n)", "--", "set", "Chassis", name,
                                      "other_config:ovn-cms-options=enable-chassis-as-gw"])
        }
        let t = try await TestNetworking.start(southbound: true) { _, sb in
            try addGateway(sb!, "gw-a", 1)
            try addGateway(sb!, "gw-b", 2)
            try sb!.tool("ovn-sbctl", ["chassis-add", "compute", "geneve", "127.0.1.9"])
        }
        let sbServer = t.server.sbServer!
        let publicNet = try await t.create("networks", ["name": "public", "router:external": true, "provider:network_type": "flat",
                                                        "provider:physical_network": "physnet1"])["id"]!.string!
        try await t.create("subnets", ["network_id": .string(publicNet), "ip_version": 4, "cidr": "203.0.113.0/24", "enable_dhcp": false])

        let replica = t.server.northbound.replica
        /// Chassis of each router's gateway port by priority, highest first, as the NB has them.
        @Sendable func schedule() -> [[String]] {
            replica.rows(NB.LogicalRouterPort.table).compactMap { lrp -> [String]? in
                let rows = (lrp["gateway_chassis"]?.uuids ?? []).compactMap { replica.row(NB.GatewayChassis.table, $0) }
                guard !rows.isEmpty else { return nil }
                return rows.sorted { ($0["priority"]?.integer ?? 0) > ($1["priority"]?.integer ?? 0) }.map { $0["chassis_name"]!.string! }
            }.sorted { $0.description < $1.description }
        }
        for n in 0..<2 {
            try await t.create("routers", ["name": .string("r\(n)"), "external_gateway_info": ["network_id": .string(publicNet)]])
        }
        try await t.waitNB { _ in schedule().count == 2 }
        // Least loaded first: the second router's gateway is led by the other chassis; the compute node never appears.
        #expect(schedule() == [["gw-a", "gw-b"], ["gw-b", "gw-a"]])

        // The service follows the Southbound itself: a gateway chassis joins, then one leaves.
        try addGateway(sbServer, "gw-c", 3)
        try await t.waitNB { _ in schedule().allSatisfy { $0.count == 3 } }
        #expect(schedule() == [["gw-a", "gw-b", "gw-c"], ["gw-b", "gw-a", "gw-c"]])

        try sbServer.tool("ovn-sbctl", ["chassis-del", "gw-a"])
        try await t.waitNB { _ in schedule().allSatisfy { !$0.contains("gw-a") } }
        #expect(schedule() == [["gw-b", "gw-c"], ["gw-b", "gw-c"]])
        await t.destroy()
    }

    /// Availability zones come from the gateway chassis (`availability-zones=` in their CMS options): they are listed,
    /// hints must name them, and a router's gateway stays on the chassis of its zones.
    @Test func availabilityZonesConfineGateways() async throws {
        let t = try await TestNetworking.start(southbound: true) { _, sb in
            for (name, zone, n) in [("gw-a", "az1", 1), ("gw-b", "az2", 2), ("gw-c", "az2", 3)] {
                _ = try sb!.tool("ovn-sbctl", ["chassis-add", name, "geneve", "127.0.1.\(n)", "--", "set", "Chassis", name,
                                              "other_config:ovn-cms-options=\"enable-chassis-as-gw,availability-zones=\(zone)\""])
            }
        }
        let zones = try await t.list("availability_zones")
        #expect(zones.map { $0["name"]?.string ?? "" } == ["az1", "az2"])
        #expect(zones.allSatisfy { $0["resource"]?.string == "router" && $0["state"]?.string == "available" })
        let publicNet = try await t.create("networks", ["name": "public", "router:external": true, "provider:network_type": "flat",
                                                        "provider:physical_network": "physnet1"])["id"]!.string!
        try await t.create("subnets", ["network_id": .string(publicNet), "ip_version": 4, "cidr": "203.0.113.0/24", "enable_dhcp": false])
        let router = try await t.create("routers", ["name": "r", "availability_zone_hints": ["az2"],
                                                    "external_gateway_info": ["network_id": .string(publicNet)]])
        #expect(router["availability_zones"]?.array == ["az2"])
        let replica = t.server.northbound.replica
        try await t.waitNB { _ in
            let chassis = replica.rows(NB.GatewayChassis.table).compactMap { $0["chassis_name"]?.string }
            return Set(chassis) == ["gw-b", "gw-c"]
        }
        let network = try await t.create("networks", ["name": "n", "availability_zone_hints": ["az1"]])
        #expect(network["availability_zones"]?.array == ["az1"])
        let r = try await t.client.post("/v2.0/routers", token: t.admin, json: ["router": ["name": "x", "availability_zone_hints": ["az9"]]])
        #expect(r.status == 404 && r.neutronType == "AvailabilityZoneNotFound", "\(r)")
        await t.destroy()
    }
}
