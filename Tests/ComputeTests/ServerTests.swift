import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// Servers over HTTP against the real service, with the agent's side played by the test.
@Suite("Compute servers", .serialized)
struct ComputeServerTests {
    @Test("create → BUILD; ACTIVE only after the agent's report and the vif-plugged event; actions; delete; isolation")
    func lifecycle() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken, admin = cloud.adminToken
            let agent = FakeAgent(cloud: cloud, host: "c1")
            try await agent.register()
            let net = try await cloud.makeNetwork("demo-net", cidr: "10.0.0.0/24", token: demo)
            _ = try await cloud.api.post("/v2.1/os-keypairs", token: demo, json: ["keypair": ["name": "k1"]])
            let create = try await cloud.api.post("/v2.1/servers", token: demo, json: ["server": [
                "name": "vm1", "imageRef": .string(cloud.imageID), "flavorRef": "1", "key_name": "k1",
                "metadata": ["meta1": "data1"], "user_data": "IyEvYmluL3NoCg=="]])
            #expect(create.status == 202, "\(create)")
            #expect(Set(create.json["server"]?.object?.keys ?? []) == Shapes.serverCreate)
            #expect(create.header("x-openstack-request-id")?.hasPrefix("req-") == true)
            let id = try #require(create.json["server"]?["id"]?.string)
            #expect(create.header("Location")?.hasSuffix("/v2.1/servers/\(id)") == true)

            let building = try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]
            #expect(building?["status"]?.string == "BUILD")
            let spec = try #require(try await agent.spec(id))
            #expect(spec["desired"]?.string == "running" && spec["generation"]?.int == 1 && spec["hostname"]?.string == "vm1")
            #expect(spec["requested_networks"]?.array?.first?["network_id"]?.string == net, "\(spec)")
            #expect(spec["key_data"]?.string?.hasPrefix("ssh-rsa ") == true && spec["user_data"]?.string == "IyEvYmluL3NoCg==")
            #expect(spec["flavor"]?["ram"]?.int == 512)

            let port = try await agent.createPort(server: id, network: net, project: cloud.demoProjectID)
            try await agent.report(id, power: 1, generation: 1, ports: [port])
            let reported = try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]
            #expect(reported?["status"]?.string == "BUILD", "the event has not come yet")
            let event = try await agent.plugged(id, port: port)
            #expect(event.status == 200 && event.json["events"]?.array?.first?["code"]?.int == 200, "\(event)")
            let active = try await waitForServer(cloud, id, token: demo) { $0["addresses"]?["demo-net"] != nil }
            #expect(active["status"]?.string == "ACTIVE" && active["OS-EXT-STS:task_state"] == .null)
            #expect(active["addresses"]?["demo-net"]?.array?.first?["OS-EXT-IPS:type"]?.string == "fixed", "\(active)")
            let keys = Set(active.object?.keys ?? [])
            #expect(Shapes.serverRequired.isSubset(of: keys) && keys.isSubset(of: Shapes.serverRequired.union(Shapes.serverOptional)), "\(keys)")
            #expect(!keys.contains("OS-EXT-SRV-ATTR:host") && !keys.contains("fault"))
            let asAdmin = try await cloud.api.get("/v2.1/servers/\(id)", token: admin).json["server"]
            #expect(asAdmin?["OS-EXT-SRV-ATTR:host"]?.string == "c1")
            #expect(active["hostId"]?.string?.count == 56)

            let interfaces = try await cloud.api.get("/v2.1/servers/\(id)/os-interface", token: demo)
            #expect(interfaces.json["interfaceAttachments"]?.array?.first?["port_id"]?.string == port, "\(interfaces)")

            // Isolation: admin's server is invisible to demo, demo's list holds only its own.
            let adminServer = try await cloud.api.post("/v2.1/servers", token: admin, json: ["server": [
                "name": "admin-vm", "imageRef": .string(cloud.imageID), "flavorRef": "1"]])
            let adminID = try #require(adminServer.json["server"]?["id"]?.string, "\(adminServer)")
            #expect(try await cloud.api.get("/v2.1/servers/\(adminID)", token: demo).status == 404)
            #expect(try await cloud.api.delete("/v2.1/servers/\(adminID)", token: demo).status == 404)
            let demoList = try await cloud.api.get("/v2.1/servers", token: demo).json["servers"]?.array ?? []
            #expect(demoList.compactMap { $0["id"]?.string } == [id])
            #expect(Set(demoList.first?.object?.keys ?? []) == ["id", "links", "name"])
            let all = try await cloud.api.get("/v2.1/servers/detail?all_tenants=1", token: admin).json["servers"]?.array ?? []
            #expect(all.count == 2)
            #expect(try await cloud.api.get("/v2.1/servers/detail?name=^vm", token: demo).json["servers"]?.array?.count == 1)
            #expect(try await cloud.api.get("/v2.1/servers/detail?status=SHUTOFF", token: demo).json["servers"]?.array?.count == 0)

            // Stop, start, reboot.
            #expect(try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["os-start": .null]).status == 409)
            #expect(try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["os-stop": .null]).status == 202)
            #expect(try await agent.spec(id)?["desired"]?.string == "stopped")
            try await agent.report(id, power: 4, generation: 1)
            #expect(try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]?["status"]?.string == "SHUTOFF")
            #expect(try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["os-stop": .null]).status == 409)
            #expect(try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["os-start": .null]).status == 202)
            try await agent.report(id, power: 1, generation: 1)
            #expect(try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]?["status"]?.string == "ACTIVE")
            #expect(try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["reboot": ["type": "SOFT"]]).status == 202)
            #expect(try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]?["status"]?.string == "REBOOT")
            let rebooted = try #require(try await agent.spec(id))
            #expect(rebooted["generation"]?.int == 2 && rebooted["action"]?.string == "reboot-soft")
            try await agent.report(id, power: 1, generation: 2)
            #expect(try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]?["status"]?.string == "ACTIVE")
            let rename = try await cloud.api.put("/v2.1/servers/\(id)", token: demo, json: ["server": ["name": "vm1b"]])
            #expect(rename.json["server"]?["name"]?.string == "vm1b", "\(rename)")
            let renamedKeys = Set(rename.json["server"]?.object?.keys ?? [])
            #expect(renamedKeys.isSubset(of: Shapes.serverBasic))
            #expect(Set(rename.json["server"]?["addresses"]?["demo-net"]?.array?.first?.object?.keys ?? []) == ["version", "addr"])

            // Password set by the metadata service, read and cleared by the user.
            #expect(try await cloud.api.put("/internal/v1/instances/\(id)/password", token: demo, json: ["password": "x"]).status == 403)
            #expect(try await cloud.api.put("/internal/v1/instances/\(id)/password", token: admin, json: ["password": "secret"]).status == 204)
            #expect(try await cloud.api.get("/v2.1/servers/\(id)/os-server-password", token: demo).json["password"]?.string == "secret")
            #expect(try await cloud.api.delete("/v2.1/servers/\(id)/os-server-password", token: demo).status == 204)
            #expect(try await cloud.api.get("/v2.1/servers/\(id)/os-server-password", token: demo).json["password"]?.string == "")

            // Delete: the agent does the work and confirms.
            #expect(try await cloud.api.delete("/v2.1/servers/\(id)", token: demo).status == 204)
            #expect(try await agent.spec(id)?["desired"]?.string == "deleted")
            #expect(try await cloud.api.get("/v2.1/servers/\(id)", token: demo).status == 200)
            try await agent.report(id, power: 0, generation: 2, deleted: true)
            #expect(try await cloud.api.get("/v2.1/servers/\(id)", token: demo).status == 404)
            #expect(try await agent.report(id, power: 1, generation: 2).status == 404)
            #expect(try await cloud.api.delete("/v2.1/servers/\(adminID)", token: admin).status == 204)
        }
    }

    @Test("NoValidHost is ERROR with Nova's fault; a failed event and a fault report are ERROR; events for unknown servers")
    func failures() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken
            let body: JSON = ["server": ["name": "nohost", "imageRef": .string(cloud.imageID), "flavorRef": "1", "networks": []]]
            let none = try await cloud.api.post("/v2.1/servers", token: demo, json: body)
            #expect(none.status == 202, "\(none)")
            let id = try #require(none.json["server"]?["id"]?.string)
            let failed = try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]
            #expect(failed?["status"]?.string == "ERROR" && failed?["fault"]?["code"]?.int == 500)
            #expect(failed?["fault"]?["message"]?.string?.hasPrefix("No valid host was found.") == true, "\(failed?.text ?? "")")
            #expect(try await cloud.api.delete("/v2.1/servers/\(id)", token: demo).status == 204)
            #expect(try await cloud.api.get("/v2.1/servers/\(id)", token: demo).status == 404, "no host: deleted at once")

            let agent = FakeAgent(cloud: cloud, host: "c1")
            try await agent.register(vcpus: 1, memoryMB: 1024, localGB: 10)
            let big = try await cloud.api.post("/v2.1/servers", token: demo, json: ["server": [
                "name": "big", "imageRef": .string(cloud.imageID), "flavorRef": "2", "networks": []]])
            let bigID = try #require(big.json["server"]?["id"]?.string)
            #expect(try await cloud.api.get("/v2.1/servers/\(bigID)", token: demo).json["server"]?["status"]?.string == "ERROR")

            let vm = try await cloud.api.post("/v2.1/servers", token: demo, json: body)
            let vmID = try #require(vm.json["server"]?["id"]?.string)
            try await agent.report(vmID, power: 1, generation: 1, ports: ["p-1"])
            let plugged = try await agent.plugged(vmID, port: "p-1", status: "failed")
            #expect(plugged.status == 200)
            #expect(try await cloud.api.get("/v2.1/servers/\(vmID)", token: demo).json["server"]?["fault"]?["message"]?.string
                    == "Virtual Interface creation failed")
            let mixed = try await cloud.api.post("/v2.1/os-server-external-events", token: cloud.adminToken, json: ["events": [
                ["name": "network-changed", "server_uuid": .string(vmID)],
                ["name": "network-vif-plugged", "server_uuid": "00000000-0000-0000-0000-000000000000", "tag": "x"]]])
            #expect(mixed.status == 207 && mixed.json["events"]?.array?.map { $0["code"]?.int ?? 0 } == [200, 404], "\(mixed)")
            let unknown = try await cloud.api.post("/v2.1/os-server-external-events", token: cloud.adminToken, json: ["events": [
                ["name": "network-vif-plugged", "server_uuid": "00000000-0000-0000-0000-000000000000", "tag": "x"]]])
            #expect(unknown.status == 404, "\(unknown)")
            #expect(try await cloud.api.post("/v2.1/os-server-external-events", token: demo, json: ["events": []]).status == 403)
            #expect(try await cloud.api.post("/v2.1/os-server-external-events", token: cloud.adminToken,
                                             json: ["events": [["name": "bogus", "server_uuid": "x"]]]).status == 400)
        }
    }

    @Test("the plugging timeout turns a build without events into ERROR")
    func pluggingTimeout() async throws {
        try await withComputeCloud(vifTimeout: 1) { cloud in
            let agent = FakeAgent(cloud: cloud, host: "c1")
            try await agent.register()
            let vm = try await cloud.api.post("/v2.1/servers", token: cloud.demoToken, json: ["server": [
                "name": "slow", "imageRef": .string(cloud.imageID), "flavorRef": "1", "networks": []]])
            let id = try #require(vm.json["server"]?["id"]?.string, "\(vm)")
            try await agent.report(id, power: 1, generation: 1, ports: ["p-9"])
            let server = try await waitForServer(cloud, id, token: cloud.demoToken) { $0["status"]?.string == "ERROR" }
            #expect(server["fault"]?["message"]?.string == "Virtual Interface creation failed", "\(server.text)")
        }
    }
}
