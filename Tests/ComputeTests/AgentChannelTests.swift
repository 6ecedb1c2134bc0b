import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// The API → agent half of the contract against a stub agent, and the actions that go through agents or Networking.
@Suite("Compute agent channel and actions", .serialized)
struct ComputeAgentChannelTests {
    @Test("syncs carry the service token; console output; security groups by name on create and by action; interface attach/detach; rebuild")
    func agentChannel() async throws {
        try await withComputeCloud { cloud in
            try await AgentStubServer.with { agentURL, stub in
                let demo = cloud.demoToken
                let agent = FakeAgent(cloud: cloud, host: "c1")
                try await agent.register(agentURL: agentURL)
                let net = try await cloud.makeNetwork("demo-net", cidr: "10.0.0.0/24", token: demo)
                let web = try await Self.securityGroup("web", cloud)
                let extra = try await Self.securityGroup("extra", cloud)
                let create = try await cloud.api.post("/v2.1/servers", token: demo, json: ["server": [
                    "name": "vm1", "imageRef": .string(cloud.imageID), "flavorRef": "1", "security_groups": [["name": "web"]]]])
                #expect(create.json["server"]?["security_groups"] == [["name": "web"]], "\(create)")
                let id = try #require(create.json["server"]?["id"]?.string)
                #expect(try await agent.spec(id)?["security_groups"] == [.string(web)])
                let synced = try await Self.eventually { await stub.syncTokens.count >= 1 }
                #expect(synced, "the create was announced to the agent")
                #expect(await stub.syncTokens.allSatisfy { !$0.isEmpty })

                let port = try await agent.createPort(server: id, network: net, project: cloud.demoProjectID)
                try await agent.report(id, power: 1, generation: 1, ports: [port])
                try await agent.plugged(id, port: port)
                #expect(try await waitForServer(cloud, id, token: demo) { $0["status"]?.string == "ACTIVE" }["status"]?.string == "ACTIVE")

                await stub.setConsole(id, ["one", "two", "three"])
                let last = try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["os-getConsoleOutput": ["length": 2]])
                #expect(last.status == 200 && last.json["output"]?.string == "two\nthree", "\(last)")
                let all = try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["os-getConsoleOutput": [:]])
                #expect(all.json["output"]?.string == "one\ntwo\nthree")

                let add = try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["addSecurityGroup": ["name": "extra"]])
                #expect(add.status == 202, "\(add)")
                #expect(try await Self.portGroups(port, cloud).contains(extra))
                #expect(try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]?["security_groups"]
                        == [["name": "web"], ["name": "extra"]])
                #expect(try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["removeSecurityGroup": ["name": "extra"]]).status == 202)
                #expect(try await !Self.portGroups(port, cloud).contains(extra))
                #expect(try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["removeSecurityGroup": ["name": "extra"]]).status == 404)

                // Attach a network: the answer waits until the agent has made the port; detach takes it out of the spec.
                let net2 = try await cloud.makeNetwork("net2", cidr: "10.5.0.0/24", token: demo)
                let attach = Task {
                    try await cloud.api.post("/v2.1/servers/\(id)/os-interface", token: demo, json: ["interfaceAttachment": ["net_id": .string(net2)]])
                }
                #expect(try await Self.eventually { (try? await agent.spec(id)?["requested_networks"]?.array?.count) == 2 })
                let port2 = try await agent.createPort(server: id, network: net2, project: cloud.demoProjectID)
                let attached = try await attach.value
                #expect(attached.status == 200 && attached.json["interfaceAttachment"]?["port_id"]?.string == port2, "\(attached)")
                #expect(attached.json["interfaceAttachment"]?["net_id"]?.string == net2)
                let detach = try await cloud.api.delete("/v2.1/servers/\(id)/os-interface/\(port2)", token: demo)
                #expect(detach.status == 202, "\(detach)")
                #expect(try await agent.spec(id)?["requested_networks"]?.array?.compactMap { $0["network_id"]?.string } == [net])
                #expect(try await cloud.api.post("/v2.1/servers/\(id)/os-interface", token: demo,
                                                 json: ["interfaceAttachment": ["net_id": "x", "port_id": "y"]]).status == 400)

                let syncsBefore = await stub.syncTokens.count
                let rebuild = try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["rebuild": [
                    "imageRef": .string(cloud.imageID), "name": "vm1-rebuilt"]])
                #expect(rebuild.status == 202 && rebuild.json["server"]?["status"]?.string == "REBUILD", "\(rebuild)")
                #expect(rebuild.json["server"]?["adminPass"]?.string?.isEmpty == false)
                let rebuiltKeys = Set(rebuild.json["server"]?.object?.keys ?? [])
                #expect(rebuiltKeys.isSubset(of: Shapes.serverBasic.union(["adminPass"])), "\(rebuiltKeys)")
                let spec = try #require(try await agent.spec(id))
                #expect(spec["generation"]?.int == 2 && spec["action"]?.string == "rebuild" && spec["name"]?.string == "vm1-rebuilt")
                #expect(try await Self.eventually { await stub.syncTokens.count > syncsBefore })
                try await agent.report(id, power: 1, generation: 2, ports: [port])
                #expect(try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]?["status"]?.string == "ACTIVE")
            }
        }
    }

    static func securityGroup(_ name: String, _ cloud: ComputeCloud) async throws -> String {
        let r = try await cloud.network.post("/v2.0/security-groups", token: cloud.demoToken, json: ["security_group": ["name": .string(name)]])
        guard r.status == 201, let id = r.json["security_group"]?["id"]?.string else { throw TestFailure("security group: \(r)") }
        return id
    }

    static func portGroups(_ port: String, _ cloud: ComputeCloud) async throws -> [String] {
        let r = try await cloud.network.get("/v2.0/ports/\(port)", token: cloud.adminToken)
        return r.json["port"]?["security_groups"]?.array?.compactMap(\.string) ?? []
    }

    /// Polls `check` for up to 5 s.
    static func eventually(_ check: () async -> Bool) async throws -> Bool {
        for _ in 0..<50 {
            if await check() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
