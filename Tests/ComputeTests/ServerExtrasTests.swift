import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// The routes around a server that tempest exercises: metadata, ips, instance actions, access IPs, lock,
/// reset state, forceDelete/restore, the ip filter, extensions and hypervisor lookups.
@Suite("Compute server extras", .serialized)
struct ComputeServerExtrasTests {
    /// An ACTIVE server of demo on `net`, with its port.
    static func activeServer(_ cloud: ComputeCloud, _ agent: FakeAgent, net: String, name: String,
                             extra: JSONObject = [:]) async throws -> (id: String, requestID: String) {
        var server: JSONObject = ["name": .string(name), "imageRef": .string(cloud.imageID), "flavorRef": "1"]
        for (k, v) in extra { server[k] = v }
        let create = try await cloud.api.post("/v2.1/servers", token: cloud.demoToken, json: ["server": .object(server)])
        let id = try #require(create.json["server"]?["id"]?.string, "\(create)")
        let port = try await agent.createPort(server: id, network: net, project: cloud.demoProjectID)
        try await agent.report(id, power: 1, generation: 1, ports: [port])
        try await agent.plugged(id, port: port)
        let active = try await waitForServer(cloud, id, token: cloud.demoToken) { $0["addresses"]?[name + "-net"] != nil || $0["status"]?.string == "ACTIVE" }
        #expect(active["status"]?.string == "ACTIVE", "\(active)")
        return (id, try #require(create.header("x-compute-request-id")))
    }

    @Test("metadata: list, replace, merge, item show/set/delete; URI mismatch, blank key and missing body are 400, over quota 403")
    func metadata() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken, agent = FakeAgent(cloud: cloud, host: "c1")
            try await agent.register()
            let net = try await cloud.makeNetwork("m-net", cidr: "10.0.1.0/24", token: demo)
            let (id, _) = try await Self.activeServer(cloud, agent, net: net, name: "m", extra: ["metadata": ["a": "1"]])
            let path = "/v2.1/servers/\(id)/metadata"
            #expect(try await cloud.api.get(path, token: demo).json["metadata"] == ["a": "1"])
            let merged = try await cloud.api.post(path, token: demo, json: ["metadata": ["b": "2"]])
            #expect(merged.status == 200 && merged.json["metadata"] == ["a": "1", "b": "2"], "\(merged)")
            #expect(try await cloud.api.post(path, token: demo, json: ["metadata": [:]]).json["metadata"] == ["a": "1", "b": "2"])
            let replaced = try await cloud.api.put(path, token: demo, json: ["metadata": ["c": "3"]])
            #expect(replaced.status == 200 && replaced.json["metadata"] == ["c": "3"], "\(replaced)")
            let set = try await cloud.api.put(path + "/d", token: demo, json: ["meta": ["d": "4"]])
            #expect(set.status == 200 && set.json["meta"] == ["d": "4"], "\(set)")
            #expect(try await cloud.api.get(path + "/d", token: demo).json["meta"] == ["d": "4"])
            #expect(try await cloud.api.put(path + "/x", token: demo, json: ["meta": ["y": "1"]]).status == 400)
            #expect(try await cloud.api.put(path + "/x", token: demo, json: ["meta": ["x": "1", "z": "2"]]).status == 400)
            #expect(try await cloud.api.put(path, token: demo, json: ["metadata": ["": "1"]]).status == 400)
            #expect(try await cloud.api.post(path, token: demo, json: ["meta": ["k": "1"]]).status == 400)
            let tooMany = JSON.object(JSONObject((0...128).map { ("k\($0)", JSON.string("v")) }))
            #expect(try await cloud.api.put(path, token: demo, json: ["metadata": tooMany]).status == 403)
            #expect(try await cloud.api.post(path, token: demo, json: ["metadata": tooMany]).status == 403)
            #expect(try await cloud.api.delete(path + "/d", token: demo).status == 204)
            #expect(try await cloud.api.delete(path + "/d", token: demo).status == 404)
            #expect(try await cloud.api.get(path + "/d", token: demo).status == 404)
            #expect(try await cloud.api.get(path, token: demo).json["metadata"] == ["c": "3"])
            #expect(try await cloud.api.get("/v2.1/servers/\(UUID().uuidString.lowercased())/metadata", token: demo).status == 404)
            #expect(try await cloud.api.get(path, token: cloud.adminToken).status == 200)
            let create = try await cloud.api.post("/v2.1/servers", token: demo, json: ["server": [
                "name": "big", "imageRef": .string(cloud.imageID), "flavorRef": "1", "metadata": tooMany]])
            #expect(create.status == 403, "\(create)")
        }
    }

    @Test("ips, instance actions, access IPs, lock, reset state, forceDelete/restore and the ip filter")
    func serverRoutes() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken, admin = cloud.adminToken, agent = FakeAgent(cloud: cloud, host: "c1")
            try await agent.register()
            let net = try await cloud.makeNetwork("s-net", cidr: "10.0.2.0/24", token: demo)
            #expect(try await cloud.api.post("/v2.1/servers", token: demo, json: ["server": [
                "name": "bad", "imageRef": .string(cloud.imageID), "flavorRef": "1", "accessIPv4": "1.1.1.1.1"]]).status == 400)
            #expect(try await cloud.api.post("/v2.1/servers", token: demo, json: ["server": [
                "name": "bad", "imageRef": .string(cloud.imageID), "flavorRef": "1", "accessIPv6": "1.1.1.1"]]).status == 400)
            let (id, requestID) = try await Self.activeServer(cloud, agent, net: net, name: "s", extra: ["accessIPv4": "1.1.1.1", "accessIPv6": "0000:0000:0000:0000:0000:babe:220.12.22.2"])
            let (other, _) = try await Self.activeServer(cloud, agent, net: net, name: "s2")
            let shown = try await waitForServer(cloud, id, token: demo) { $0["addresses"]?["s-net"] != nil }
            #expect(shown["accessIPv4"]?.string == "1.1.1.1" && shown["accessIPv6"]?.string == "::babe:dc0c:1602")
            let renamed = try await cloud.api.put("/v2.1/servers/\(id)", token: demo, json: ["server": ["accessIPv4": "2.2.2.2", "name": "s-new"]])
            #expect(renamed.json["server"]?["accessIPv4"]?.string == "2.2.2.2" && renamed.json["server"]?["name"]?.string == "s-new", "\(renamed)")
            let renamedKeys = Set(renamed.json["server"]?.object?.keys.map { $0 } ?? [])
            #expect(renamedKeys.isSubset(of: Shapes.serverBasic), "\(renamedKeys)")

            let ips = try await cloud.api.get("/v2.1/servers/\(id)/ips", token: demo)
            let addr = try #require(ips.json["addresses"]?["s-net"]?.array?.first?["addr"]?.string, "\(ips)")
            #expect(ips.json["addresses"]?["s-net"]?.array?.first?.object?.keys.sorted() == ["addr", "version"])
            #expect(try await cloud.api.get("/v2.1/servers/\(id)/ips/s-net", token: demo).json["s-net"]?.array?.count == 1)
            #expect(try await cloud.api.get("/v2.1/servers/\(id)/ips/nope", token: demo).status == 404)
            let byIP = try await cloud.api.get("/v2.1/servers?ip=" + addr + "%24", token: demo)
            #expect(byIP.json["servers"]?.array?.compactMap { $0["id"]?.string } == [id], "\(byIP)")

            #expect(try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: ["reboot": ["type": "HARD"]]).status == 202)
            let actions = try await cloud.api.get("/v2.1/servers/\(id)/os-instance-actions", token: demo)
            #expect(actions.json["instanceActions"]?.array?.compactMap { $0["action"]?.string } == ["reboot", "create"], "\(actions)")
            let action = try await cloud.api.get("/v2.1/servers/\(id)/os-instance-actions/\(requestID)", token: demo)
            #expect(action.json["instanceAction"]?["action"]?.string == "create" && action.json["instanceAction"]?["instance_uuid"]?.string == id)
            #expect(try await cloud.api.get("/v2.1/servers/\(id)/os-instance-actions/req-nope", token: demo).status == 404)
            try await agent.report(id, power: 1, generation: 2)

            let act = { (body: JSON, token: String) in try await cloud.api.post("/v2.1/servers/\(other)/action", token: token, json: body) }
            #expect(try await act(["lock": .null], demo).status == 202)
            #expect(try await act(["os-stop": .null], demo).status == 409)
            #expect(try await cloud.api.delete("/v2.1/servers/\(other)", token: demo).status == 409)
            #expect(try await act(["unlock": .null], demo).status == 202)
            #expect(try await act(["os-resetState": ["state": "error"]], demo).status == 403)
            #expect(try await act(["os-resetState": ["state": "deleted"]], admin).status == 400)
            #expect(try await act(["os-resetState": ["state": "error"]], admin).status == 202)
            let errored = try await cloud.api.get("/v2.1/servers?status=error", token: demo)
            #expect(errored.json["servers"]?.array?.compactMap { $0["id"]?.string } == [other], "\(errored)")
            #expect(try await act(["os-resetState": ["state": "active"]], admin).status == 202)
            #expect(try await cloud.api.get("/v2.1/servers/\(other)", token: demo).json["server"]?["status"]?.string == "ACTIVE")
            #expect(try await act(["restore": .null], demo).status == 409)
            let missing = UUID().uuidString.lowercased()
            #expect(try await cloud.api.post("/v2.1/servers/\(missing)/action", token: demo, json: ["forceDelete": .null]).status == 404)
            #expect(try await act(["forceDelete": .null], demo).status == 202)
            #expect(try await cloud.api.get("/v2.1/servers/\(other)", token: demo).json["server"]?["OS-EXT-STS:task_state"]?.string == "deleting")
        }
    }

    @Test("extensions list and show; hypervisor uptime, search and servers")
    func extensionsAndHypervisors() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken, admin = cloud.adminToken, agent = FakeAgent(cloud: cloud, host: "c1")
            let list = try await cloud.api.get("/v2.1/extensions", token: demo)
            #expect(list.status == 200 && list.json["extensions"]?.array?.contains { $0["alias"]?.string == "os-consoles" } == true)
            #expect(try await cloud.api.get("/v2.1/extensions/os-consoles", token: demo).json["extension"]?["alias"]?.string == "os-consoles")
            #expect(try await cloud.api.get("/v2.1/extensions/os-nope", token: demo).status == 404)

            try await agent.register()
            let net = try await cloud.makeNetwork("h-net", cidr: "10.0.3.0/24", token: demo)
            let (id, _) = try await Self.activeServer(cloud, agent, net: net, name: "h")
            let hypervisors = try await cloud.api.get("/v2.1/os-hypervisors", token: admin).json["hypervisors"]?.array ?? []
            let hid = try #require(hypervisors.first?["id"]?.int)
            let uptime = try await cloud.api.get("/v2.1/os-hypervisors/\(hid)/uptime", token: admin)
            #expect(uptime.status == 200 && uptime.json["hypervisor"]?["uptime"]?.string?.contains(" up ") == true, "\(uptime)")
            #expect(try await cloud.api.get("/v2.1/os-hypervisors/\(hid)/uptime", token: demo).status == 403)
            #expect(try await cloud.api.get("/v2.1/os-hypervisors/99/uptime", token: admin).status == 404)
            let search = try await cloud.api.get("/v2.1/os-hypervisors/c/search", token: admin)
            #expect(search.json["hypervisors"]?.array?.compactMap { $0["hypervisor_hostname"]?.string } == ["c1"], "\(search)")
            #expect(try await cloud.api.get("/v2.1/os-hypervisors/zz/search", token: admin).status == 404)
            let servers = try await cloud.api.get("/v2.1/os-hypervisors/c1/servers", token: admin)
            #expect(servers.json["hypervisors"]?.array?.first?["servers"]?.array?.compactMap { $0["uuid"]?.string } == [id], "\(servers)")
        }
    }
}
