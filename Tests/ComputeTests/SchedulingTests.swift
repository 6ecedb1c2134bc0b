import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// Scheduling over HTTP: concurrent creates never oversubscribe, hints and zones are honoured, restarts lose nothing.
@Suite("Compute scheduling and durability", .serialized)
struct ComputeSchedulingTests {
    @Test("20 concurrent creates on a 4-vCPU host: exactly 4 are placed, the rest are NoValidHost")
    func concurrentCreates() async throws {
        try await withComputeCloud { cloud in
            let agent = FakeAgent(cloud: cloud, host: "c1")
            try await agent.register(vcpus: 4, memoryMB: 8192, localGB: 100)
            let tokens = [cloud.demoToken, cloud.adminToken]
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for n in 0..<20 {
                    group.addTask {
                        let r = try await cloud.api.post("/v2.1/servers", token: tokens[n % 2], json: ["server": [
                            "name": .string("c\(n)"), "imageRef": .string(cloud.imageID), "flavorRef": "1", "networks": []]])
                        #expect(r.status == 202, "\(r)")
                        return r.json["server"]?["id"]?.string
                    }
                }
                var ids: [String] = []
                for try await id in group { if let id { ids.append(id) } }
                return ids
            }
            #expect(ids.count == 20)
            let all = try await cloud.api.get("/v2.1/servers/detail?all_tenants=1", token: cloud.adminToken).json["servers"]?.array ?? []
            let placed = all.filter { $0["OS-EXT-SRV-ATTR:host"]?.string == "c1" }
            #expect(placed.count == 4, "\(all.map { $0["status"]?.string ?? "" })")
            #expect(all.filter { $0["status"]?.string == "ERROR" }.count == 16)
            #expect(try await agent.specs().count == 4)
            let stats = try await cloud.api.get("/v2.1/os-hypervisors/statistics", token: cloud.adminToken).json["hypervisor_statistics"]
            #expect(stats?["vcpus_used"]?.int == 4 && stats?["running_vms"]?.int == 4, "\(stats?.text ?? "")")
            let quota = try await cloud.api.post("/v2.1/servers", token: cloud.demoToken, json: ["server": [
                "name": "over", "imageRef": .string(cloud.imageID), "flavorRef": "1", "networks": []]])
            #expect(quota.status == 403 && quota.json["forbidden"]?["message"]?.string?.contains("Quota exceeded") == true, "\(quota)")
        }
    }

    @Test("min/max_count: placed all or nothing; the quota caps max_count and refuses below min_count")
    func multipleCreate() async throws {
        try await withComputeCloud { cloud in
            let agent = FakeAgent(cloud: cloud, host: "c1")
            try await agent.register(vcpus: 4, memoryMB: 8192, localGB: 100)
            func create(_ name: String, _ token: String, min: Int, max: Int) async throws -> APIResponse {
                try await cloud.api.post("/v2.1/servers", token: token, json: ["server": [
                    "name": .string(name), "imageRef": .string(cloud.imageID), "flavorRef": "1", "networks": [],
                    "min_count": .int(min), "max_count": .int(max)]])
            }
            func servers(_ name: String) async throws -> [JSON] {
                let all = try await cloud.api.get("/v2.1/servers/detail?all_tenants=1", token: cloud.adminToken).json["servers"]?.array ?? []
                return all.filter { $0["name"]?.string?.hasPrefix(name + "-") == true }
            }
            #expect(try await create("fits", cloud.adminToken, min: 2, max: 3).status == 202)
            #expect(try await servers("fits").map { $0["OS-EXT-SRV-ATTR:host"]?.string } == ["c1", "c1", "c1"])
            // One vCPU is left: a pair does not fit, so neither is placed nor claims it.
            #expect(try await create("pair", cloud.adminToken, min: 2, max: 2).status == 202)
            let pair = try await servers("pair")
            #expect(pair.count == 2 && pair.allSatisfy { $0["status"]?.string == "ERROR" }, "\(pair)")
            #expect(pair.allSatisfy { $0["fault"]?["message"]?.string?.hasPrefix("No valid host was found") == true })
            #expect(try await agent.specs().count == 3)
            // The demo project's quota is 10 instances: 11 at least is refused, up to 12 makes 10.
            let refused = try await create("many", cloud.demoToken, min: 11, max: 12)
            #expect(refused.status == 403 && refused.json["forbidden"]?["message"]?.string?.contains("instances") == true, "\(refused)")
            #expect(try await servers("many").isEmpty)
            #expect(try await create("many", cloud.demoToken, min: 1, max: Int(Int32.max)).status == 202)
            #expect(try await servers("many").count == 10)
        }
    }

    @Test("different_host and same_host hints, zones, min/max_count names, host services and hypervisors")
    func hintsAndZones() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken, admin = cloud.adminToken
            try await FakeAgent(cloud: cloud, host: "c1").register()
            try await FakeAgent(cloud: cloud, host: "c2").register(zone: "az2")
            func create(_ name: String, hints: JSON? = nil, zone: String? = nil, count: Int = 1) async throws -> APIResponse {
                var server: JSONObject = ["name": .string(name), "imageRef": .string(cloud.imageID), "flavorRef": "1", "networks": [],
                                          "min_count": .int(count), "max_count": .int(count)]
                if let zone { server["availability_zone"] = .string(zone) }
                var body: JSONObject = ["server": .object(server)]
                if let hints { body["os:scheduler_hints"] = hints }
                return try await cloud.api.post("/v2.1/servers", token: demo, json: .object(body))
            }
            func host(_ r: APIResponse) async throws -> String? {
                let id = r.json["server"]?["id"]?.string ?? ""
                return try await cloud.api.get("/v2.1/servers/\(id)", token: admin).json["server"]?["OS-EXT-SRV-ATTR:host"]?.string
            }
            let first = try await create("a", zone: "az2")
            #expect(try await host(first) == "c2")
            let firstID = first.json["server"]?["id"]?.string ?? ""
            #expect(try await host(try await create("b", hints: ["different_host": [.string(firstID)]])) == "c1")
            #expect(try await host(try await create("c", hints: ["same_host": .string(firstID)])) == "c2")
            #expect(try await create("d", zone: "nowhere").status == 400)
            let many = try await create("multi", count: 3)
            #expect(many.status == 202)
            let names = try await cloud.api.get("/v2.1/servers?name=multi", token: demo).json["servers"]?.array?.compactMap { $0["name"]?.string }
            #expect(Set(names ?? []) == ["multi-1", "multi-2", "multi-3"])
            let services = try await cloud.api.get("/v2.1/os-services", token: admin).json["services"]?.array ?? []
            #expect(services.map { $0["state"]?.string } == ["up", "up"] && services.first?["binary"]?.string == "nova-compute")
            #expect(try await cloud.api.get("/v2.1/os-services", token: demo).status == 403)
            let hypervisors = try await cloud.api.get("/v2.1/os-hypervisors/detail", token: admin).json["hypervisors"]?.array ?? []
            #expect(hypervisors.compactMap { $0["hypervisor_hostname"]?.string } == ["c1", "c2"])
            let zones = try await cloud.api.get("/v2.1/os-availability-zone", token: demo).json["availabilityZoneInfo"]?.array ?? []
            #expect(zones.compactMap { $0["zoneName"]?.string } == ["az2", "nova"])
            let limits = try await cloud.api.get("/v2.1/limits", token: demo).json["limits"]?["absolute"]
            #expect(limits?["totalInstancesUsed"]?.int == 6, "\(limits?.text ?? "")")
        }
    }

    @Test("a restart of the compute service loses nothing: flavors, keypairs, hosts, servers and their states")
    func restart() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken, admin = cloud.adminToken
            let agent = FakeAgent(cloud: cloud, host: "c1")
            try await agent.register()
            _ = try await cloud.api.post("/v2.1/flavors", token: admin, json: ["flavor": ["name": "keep", "ram": 128, "vcpus": 1, "disk": 0, "id": "k"]])
            let key = try await cloud.api.post("/v2.1/os-keypairs", token: demo, json: ["keypair": ["name": "kp"]])
            let vm = try await cloud.api.post("/v2.1/servers", token: demo, json: ["server": [
                "name": "durable", "imageRef": .string(cloud.imageID), "flavorRef": "k", "networks": [], "metadata": ["a": "b"]]])
            let id = try #require(vm.json["server"]?["id"]?.string, "\(vm)")
            try await agent.report(id, power: 1, generation: 1, ports: [])
            let before = try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]
            #expect(before?["status"]?.string == "ACTIVE", "no ports: no events to wait for")
            let oldBase = cloud.compute.url
            try await cloud.restartCompute()
            let after = try await cloud.api.get("/v2.1/servers/\(id)", token: demo).json["server"]
            // The same body, but for the links: the new process listens on another port.
            #expect(after?.text.replacingOccurrences(of: cloud.compute.url, with: oldBase) == before?.text)
            #expect(try await cloud.api.get("/v2.1/flavors/k", token: admin).status == 200)
            #expect(try await cloud.api.get("/v2.1/os-keypairs/kp", token: demo).json["keypair"]?["public_key"] == key.json["keypair"]?["public_key"])
            #expect(try await agent.spec(id)?["metadata"]?["a"]?.string == "b")
            #expect(try await cloud.api.get("/v2.1/os-hypervisors", token: admin).json["hypervisors"]?.array?.count == 1)
            #expect(try await cloud.api.get("/v2.1/flavors/1", token: demo).status == 200)
        }
    }
}
