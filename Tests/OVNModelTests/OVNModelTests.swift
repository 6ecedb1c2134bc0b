import Foundation
import OVNModel
import OVSDB
import OVSDBTestSupport
import Testing

/// The generated rows match the schemas Debian installed, and round-trip through a real server.
@Suite struct OVNModelTests {
    private func check<M: TableModel>(_: M.Type, in schema: DatabaseSchema) throws {
        let table = try schema.table(M.table)
        #expect(Set(M(row: Row(uuid: UUID())).columns.keys) == Set(table.columns.keys), "\(M.table) is out of date: run make models")
    }

    @Test func modelsMatchTheInstalledSchemas() throws {
        let nb = try DatabaseSchema(contentsOf: TestOVSDBServer.northboundSchema)
        #expect(nb.version == NB.schemaVersion)
        for model in [NB.NBGlobal.self, NB.LogicalSwitch.self, NB.LogicalSwitchPort.self, NB.DHCPOptions.self,
                      NB.LogicalRouter.self, NB.LogicalRouterPort.self, NB.LogicalRouterStaticRoute.self,
                      NB.GatewayChassis.self, NB.NAT.self, NB.ACL.self, NB.PortGroup.self] as [any TableModel.Type] {
            try check(model, in: nb)
        }
        let sb = try DatabaseSchema(contentsOf: TestOVSDBServer.southboundSchema)
        #expect(sb.version == SB.schemaVersion)
        for model in [SB.Chassis.self, SB.ChassisPrivate.self, SB.Encap.self, SB.PortBinding.self, SB.DatapathBinding.self]
            as [any TableModel.Type]
        {
            try check(model, in: sb)
        }
        let vs = try DatabaseSchema(contentsOf: TestOVSDBServer.vswitchSchema)
        #expect(vs.version == VSwitch.schemaVersion)
        for model in [VSwitch.OpenVSwitch.self, VSwitch.Bridge.self, VSwitch.Port.self, VSwitch.Interface.self]
            as [any TableModel.Type]
        {
            try check(model, in: vs)
        }
    }

    @Test func typedRowsRoundTripThroughTheNorthbound() async throws {
        let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        defer { server.destroy() }
        let client = try await OVSDBClient.connect(server.endpoint, database: NB.database)
        defer { Task { await client.close() } }
        let replica = try await client.monitor(tables: [NB.LogicalSwitch.table, NB.LogicalSwitchPort.table],
                                               indexes: [ReplicaIndex(NB.LogicalSwitch.table, "name")])

        var port = NB.LogicalSwitchPort()
        port.name = "3e1f6c2a-0000-4000-8000-000000000001"
        port.addresses = ["fa:16:3e:11:22:33 10.0.0.5"]
        port.portSecurity = ["fa:16:3e:11:22:33 10.0.0.5"]
        port.enabled = true
        port.tagRequest = 0
        port.options = ["requested-chassis": "c1"]
        port.externalIDs = ["neutron:device_owner": "compute:nova", "neutron:revision_number": "1"]
        var txn = Transaction()
        let portName = txn.insert(port)
        var sw = NB.LogicalSwitch()
        sw.name = "neutron-net"
        sw.otherConfig = ["mcast_snoop": "true"]
        txn.insert(sw)
        txn.mutate(NB.LogicalSwitch.table, where: [.equal(NB.LogicalSwitch.Column.name, "neutron-net")],
                   [.insert(NB.LogicalSwitch.Column.ports, .named(portName))])
        let result = try await client.transact(txn)
        let uuid = try #require(result.uuid(portName))
        try await replica.wait { $0.row(NB.LogicalSwitchPort.table, uuid) != nil }

        var expected = port
        expected.uuid = uuid
        #expect(replica.get(NB.LogicalSwitchPort.self, uuid) == expected)
        let found = try #require(replica.find(NB.LogicalSwitch.self, where: "name", is: "neutron-net").first)
        #expect(found.ports == [uuid])
        #expect(found.otherConfig == ["mcast_snoop": "true"])

        // A partial update leaves the other columns as they were.
        expected.addresses = ["fa:16:3e:11:22:33 10.0.0.6"]
        expected.externalIDs["neutron:revision_number"] = "2"
        var update = Transaction()
        update.update(expected, columns: [NB.LogicalSwitchPort.Column.addresses, NB.LogicalSwitchPort.Column.externalIDs])
        try await client.transact(update)
        try await replica.wait { $0.get(NB.LogicalSwitchPort.self, uuid)?.addresses == ["fa:16:3e:11:22:33 10.0.0.6"] }
        #expect(replica.get(NB.LogicalSwitchPort.self, uuid) == expected)
        #expect(try server.tool("ovn-nbctl", ["lsp-get-addresses", port.name]).contains("10.0.0.6"))
    }
}
