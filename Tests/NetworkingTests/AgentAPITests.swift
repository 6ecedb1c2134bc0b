import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import OVSDBTestSupport
import Testing

/// `/v2.0/agents` from a real Southbound: one agent per chassis (gateway or not), a metadata agent where one
/// registered, `alive` from `nb_cfg` (ovn-controller's answer is written here with ovn-sbctl; the e2e tests
/// see real ovn-controllers answer), descriptions kept in `Chassis_Private`, and the removal of a dead chassis.
@Suite struct AgentAPITests {
    static let metadataID = "3b8d7f2e-8a55-5f1c-9d3e-2b1f4c6a7e90"

    /// A chassis with its `Chassis_Private` row, as ovn-controller registers it.
    static func addChassis(_ sb: TestOVSDBServer, _ name: String, host: String, ip: String, options: String? = nil,
                           privateIDs: [String: String] = [:]) throws {
        var args = ["chassis-add", name, "geneve", ip, "--", "set", "Chassis", name, "hostname=\(host)",
                    "other_config:ovn-bridge-mappings=physnet1:br-ex"]
        if let options { args.append("other_config:ovn-cms-options=\"\(options)\"") }
        _ = try sb.tool("ovn-sbctl", args)
        let chassis = try sb.tool("ovn-sbctl", ["--bare", "--columns=_uuid", "find", "Chassis", "name=\(name)"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var row = ["create", "Chassis_Private", "name=\(name)", "chassis=\(chassis)"]
        if !privateIDs.isEmpty { row.append("external_ids={" + privateIDs.map { "\"\($0.key)\"=\"\($0.value)\"" }.joined(separator: ",") + "}") }
        _ = try sb.tool("ovn-sbctl", row)
    }

    static func nbCfg(_ nb: TestOVSDBServer) throws -> Int? {
        Int(try nb.tool("ovn-nbctl", ["get", "NB_Global", ".", "nb_cfg"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func agentsFollowTheSouthbound() async throws {
        let t = try await TestNetworking.start(southbound: true, agentDownTime: 2) { nb, sb in
            _ = try nb.tool("ovn-nbctl", ["init"])
            try Self.addChassis(sb!, "gw", host: "ctl", ip: "127.0.1.1", options: "enable-chassis-as-gw,availability-zones=az2:az1")
            try Self.addChassis(sb!, "c1", host: "c1", ip: "127.0.1.2",
                                privateIDs: ["neutron:ovn-metadata-id": Self.metadataID, "neutron:ovn-metadata-sb-cfg": "0"])
        }
        let sb = t.server.sbServer!
        var agents = try await t.list("agents")
        #expect(agents.map { $0["agent_type"]?.string ?? "" }.sorted() == ["OVN Controller Gateway agent", "OVN Controller agent", "OVN Metadata agent"])
        let gateway = try #require(agents.first { $0["id"]?.string == "gw" })
        #expect(gateway["host"]?.string == "ctl" && gateway["binary"]?.string == "ovn-controller" && gateway["alive"]?.bool == true)
        #expect(gateway["availability_zone"]?.string == "az1, az2")
        #expect(gateway["configurations"]?["bridge-mappings"]?.string == "physnet1:br-ex")
        let metadata = try #require(agents.first { $0["id"]?.string == Self.metadataID })
        #expect(metadata["host"]?.string == "c1" && metadata["binary"]?.string == "neutron-ovn-metadata-agent")
        #expect(metadata["configurations"]?["chassis_name"]?.string == "c1")
        #expect(try await t.list("agents", "agent_type=OVN Metadata agent".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!).count == 1)
        // Listing asked every chassis for a sign of life.
        #expect(try Self.nbCfg(t.server.nbServer) ?? 0 >= 1)

        // Other projects see no agents, and cannot change them.
        let member = try await t.member("p")
        #expect(try await t.list("agents", token: member.token).isEmpty)
        #expect(try await t.client.get("/v2.0/agents/gw", token: member.token).status == 404)
        #expect(try await t.client.put("/v2.0/agents/gw", token: member.token, json: ["agent": ["description": "x"]]).status == 403)

        // A description is kept in Chassis_Private; the status cannot be changed.
        let updated = try await t.update("agents", "c1", ["description": "compute one"])
        #expect(updated["description"]?.string == "compute one")
        #expect(try sb.tool("ovn-sbctl", ["get", "Chassis_Private", "c1", "external_ids:\"neutron:description\""]).contains("compute one"))
        let refused = try await t.client.put("/v2.0/agents/c1", token: t.admin, json: ["agent": ["admin_state_up": false]])
        #expect(refused.status == 400 && refused.neutronType == "HTTPBadRequest", "\(refused)")
        let unknown = try await t.client.put("/v2.0/agents/c1", token: t.admin, json: ["agent": ["host": "elsewhere"]])
        #expect(unknown.status == 400, "\(unknown)")
        #expect(try await t.client.get("/v2.0/agents/nope", token: t.admin).neutronType == "AgentNotFound")

        // Past agent_down_time, a chassis that has not caught up with the next liveness check is dead; one that
        // answers lives, and so does its metadata agent.
        try await Task.sleep(for: .seconds(2.5))
        agents = try await t.list("agents")
        let asked = try #require(try Self.nbCfg(t.server.nbServer))
        #expect(asked >= 2)
        _ = try sb.tool("ovn-sbctl", ["set", "Chassis_Private", "c1", "nb_cfg=\(asked)"])
        try await Task.sleep(for: .milliseconds(300))
        agents = try await t.list("agents")
        #expect(agents.first { $0["id"]?.string == "gw" }?["alive"]?.bool == false, "\(agents)")
        #expect(agents.first { $0["id"]?.string == "c1" }?["alive"]?.bool == true, "\(agents)")
        #expect(agents.first { $0["id"]?.string == Self.metadataID }?["description"]?.string == "")

        // The dead chassis is removed from the Southbound.
        #expect(try await t.client.delete("/v2.0/agents/gw", token: t.admin).status == 204)
        #expect(try sb.tool("ovn-sbctl", ["--bare", "--columns=name", "list", "Chassis"]).contains("gw") == false)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await t.list("agents").contains { $0["id"]?.string == "gw" } == false)
        await t.destroy()
    }
}
