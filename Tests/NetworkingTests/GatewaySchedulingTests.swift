import Foundation
import Networking
import OpenStackAPI
import OVNModel
import OVSDB
import OVSDBTestSupport
import Testing

/// Router gateways go to the chassis with `enable-chassis-as-gw`, least loaded first, and follow
/// gateway chassis that join or leave the Southbound.
@Suite struct GatewaySchedulingTests {
    @Test func gatewaysAreSpreadAndFollowTheChassis() async throws {
        let nbServer = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        let sbServer = try TestOVSDBServer(schema: TestOVSDBServer.southboundSchema)
        let stateDir = FileManager.default.temporaryDirectory.appendingPathComponent("ovnstack-net-\(UUID().uuidString)")
        defer { nbServer.destroy(); sbServer.destroy(); try? FileManager.default.removeItem(at: stateDir) }
        func addGateway(_ name: String, _ n: Int) throws {
            try sbServer.tool("ovn-sbctl", ["chassis-add", name, "geneve", "127.0.1.\(n)", "--", "set", "Chassis", name,
                                            "other_config:ovn-cms-options=enable-chassis-as-gw"])
        }
        try addGateway("gw-a", 1)
        try addGateway("gw-b", 2)
        try sbServer.tool("ovn-sbctl", ["chassis-add", "compute", "geneve", "127.0.1.9"])
        let nb = try await NBSync.connect([nbServer.endpoint], southbound: [sbServer.endpoint])
        try await nb.scheduler.chassis!.wait { $0.count("Chassis") == 3 }
        let core = try NetworkingCore(configuration: NetworkingConfiguration(
            stateDirectory: stateDir, listen: ListenAddress(host: "127.0.0.1", port: 0), northbound: [nbServer.endpoint]), nb: nb)
        try await core.repair()
        let admin = TestNetworking.admin
        let publicNet = try await core.createNetwork(["network": ["name": "public", "router:external": true, "provider:network_type": "flat",
                                                                  "provider:physical_network": "physnet1"]], admin)["id"]!.string!
        _ = try await core.createSubnet(["subnet": ["network_id": .string(publicNet), "ip_version": 4, "cidr": "203.0.113.0/24",
                                                    "enable_dhcp": false]], admin)

        /// Chassis of each router's gateway port by priority, highest first, as the NB has them.
        @Sendable func schedule() -> [[String]] {
            nb.replica.rows(NB.LogicalRouterPort.table).compactMap { lrp -> [String]? in
                let rows = (lrp["gateway_chassis"]?.uuids ?? []).compactMap { nb.replica.row(NB.GatewayChassis.table, $0) }
                guard !rows.isEmpty else { return nil }
                return rows.sorted { ($0["priority"]?.integer ?? 0) > ($1["priority"]?.integer ?? 0) }.map { $0["chassis_name"]!.string! }
            }.sorted { $0.description < $1.description }
        }
        for n in 0..<2 {
            _ = try await core.createRouter(["router": ["name": .string("r\(n)"), "external_gateway_info": ["network_id": .string(publicNet)]]], admin)
        }
        // Least loaded first: the second router's gateway is led by the other chassis; the compute node never appears.
        #expect(schedule() == [["gw-a", "gw-b"], ["gw-b", "gw-a"]])

        try addGateway("gw-c", 3)
        try await nb.scheduler.chassis!.wait { $0.count("Chassis") == 4 }
        await core.rebalanceGateways()
        try await nb.replica.wait { _ in schedule().allSatisfy { $0.count == 3 } }
        #expect(schedule() == [["gw-a", "gw-b", "gw-c"], ["gw-b", "gw-a", "gw-c"]])

        try sbServer.tool("ovn-sbctl", ["chassis-del", "gw-a"])
        try await nb.scheduler.chassis!.wait { $0.count("Chassis") == 3 }
        await core.rebalanceGateways()
        try await nb.replica.wait { _ in schedule().allSatisfy { !$0.contains("gw-a") } }
        #expect(schedule() == [["gw-b", "gw-c"], ["gw-b", "gw-c"]])
        await nb.close()
    }
}
