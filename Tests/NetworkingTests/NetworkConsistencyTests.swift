import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import OVSDBTestSupport
import Testing

/// The database is the source of truth: the Northbound is repaired from it after hand edits, after a
/// restart, and after a write that never reached the Northbound.
@Suite struct NetworkConsistencyTests {
    @Test func handEditsAreRepaired() async throws {
        let t = try await TestNetworking.start()
        let (network, _) = try await t.networkWithSubnet("drift")
        let port = try await t.create("ports", ["network_id": .string(network), "name": "p"])["id"]!.string!
        try await t.waitNB { !$0.rows(NB.LogicalSwitchPort.table, where: "name", is: .string(port)).isEmpty }
        let wanted = t.northbound()
        let nb = t.server.nbServer

        // ovn-nbctl edits: a port deleted, a switch's external_ids changed, DHCP options deleted, a stray group added.
        try nb.tool("ovn-nbctl", ["lsp-del", port])
        try nb.tool("ovn-nbctl", ["set", "Logical_Switch", "neutron-\(network)", "external_ids:\"neutron:network_name\"=hacked"])
        let dhcp = try nb.tool("ovn-nbctl", ["--bare", "--columns=_uuid", "list", "DHCP_Options"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try nb.tool("ovn-nbctl", ["destroy", "DHCP_Options", dhcp])
        try nb.tool("ovn-nbctl", ["pg-add", "pg_stray"])
        try await t.waitNB { $0.rows(NB.LogicalSwitchPort.table, where: "name", is: .string(port)).isEmpty && $0.count(NB.PortGroup.table) == 3 }
        #expect(t.northbound() != wanted)

        // A start runs the full repair pass.
        try await t.restart()
        try await t.waitNB { $0.count(NB.PortGroup.table) == 2 && $0.count(NB.DHCPOptions.table) == 1 }
        #expect(t.northbound() == wanted)
        await t.destroy()
    }

    @Test func restartKeepsEverythingAndChangesNothing() async throws {
        let t = try await TestNetworking.start()
        let (network, subnet) = try await t.networkWithSubnet("keep")
        let port = try await t.create("ports", ["network_id": .string(network)])
        try await t.waitNB { !$0.rows(NB.LogicalSwitchPort.table, where: "name", is: .string(port["id"]!.string!)).isEmpty }
        let wanted = t.northbound()
        try await t.restart()
        #expect(t.northbound() == wanted)
        #expect(try await t.show("ports", port["id"]!.string!)["fixed_ips"] == port["fixed_ips"])
        #expect(try await t.show("subnets", subnet)["network_id"]?.string == network)
        // The address stays taken after the restart.
        let ip = port["fixed_ips"]!.array![0]["ip_address"]!
        let again = try await t.client.post("/v2.0/ports", token: t.admin, json: ["port": ["network_id": .string(network), "fixed_ips": [["ip_address": ip]]]])
        #expect(again.status == 409 && again.neutronType == "IpAddressAlreadyAllocated", "\(again)")
        await t.destroy()
    }

    @Test func aWriteTheNorthboundMissedIsRepairedAtRestart() async throws {
        let t = try await TestNetworking.start()
        let (network, _) = try await t.networkWithSubnet("missed")
        t.server.nbServer.stop()
        // Acknowledged: committed to the database although the Northbound is down.
        let port = try await t.create("ports", ["network_id": .string(network), "name": "late"])
        let id = port["id"]!.string!
        try t.server.nbServer.start()
        try await t.restart()
        try await t.waitNB { !$0.rows(NB.LogicalSwitchPort.table, where: "name", is: .string(id)).isEmpty }
        let lsp = t.server.northbound.replica.rows(NB.LogicalSwitchPort.table, where: "name", is: .string(id)).first!
        #expect(lsp["external_ids"]?.stringMap["neutron:port_name"] == "late")
        await t.destroy()
    }
}
