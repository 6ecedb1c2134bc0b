import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// Bad inputs get Nova's error bodies with the right status, never a 500.
@Suite("Compute bad inputs", .serialized)
struct ComputeBadInputTests {
    @Test("server creates and actions with bad inputs answer 400/404/409 in Nova's shape")
    func badServerInputs() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken
            try await FakeAgent(cloud: cloud, host: "c1").register()
            let image = JSON.string(cloud.imageID)
            let missing = "6b5e5c9e-0000-4000-8000-000000000000"
            let cases: [(JSON, Int)] = [
                (["server": ["imageRef": image, "flavorRef": "1"]], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "99"]], 400),
                (["server": ["name": "x", "imageRef": .string(missing), "flavorRef": "1"]], 400),
                (["server": ["name": "x", "imageRef": "not-a-uuid", "flavorRef": "1"]], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "1", "key_name": "nokey"]], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "1", "networks": [["uuid": .string(missing)]]]], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "1", "networks": [["uuid": "bad"]]]], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "1", "networks": "auto"]], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "1", "networks": [["port": .string(missing)]]]], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "1", "networks": [], "security_groups": [["name": "nosuch"]]]], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "1", "user_data": "%%%not base64"]], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "1", "min_count": 3, "max_count": 2]], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "1", "metadata": ["k": 1]]], 400),
                (["server": ["name": " x", "imageRef": image, "flavorRef": "1"]], 400),
                (["server": "x"], 400),
                (["server": ["name": "x", "imageRef": image, "flavorRef": "1", "networks": [["uuid": .string(missing), "fixed_ip": "1.2.3"]]]], 400),
            ]
            for (body, status) in cases {
                let r = try await cloud.api.post("/v2.1/servers", token: demo, json: body)
                #expect(r.status == status && r.json.object?.count == 1 && r.json["badRequest"]?["code"]?.int == status, "\(body.text): \(r)")
            }
            let raw = try await cloud.api.send("POST", "/v2.1/servers", token: demo, body: Array("{not json".utf8))
            #expect(raw.status == 400 && raw.json["badRequest"] != nil, "\(raw)")
            _ = try await cloud.makeNetwork("n1", cidr: "10.1.0.0/24", token: demo)
            _ = try await cloud.makeNetwork("n2", cidr: "10.2.0.0/24", token: demo)
            let ambiguous = try await cloud.api.post("/v2.1/servers", token: demo, json: ["server": ["name": "x", "imageRef": image, "flavorRef": "1"]])
            #expect(ambiguous.status == 409 && ambiguous.json["conflictingRequest"] != nil, "\(ambiguous)")

            let vm = try await cloud.api.post("/v2.1/servers", token: demo, json: ["server": ["name": "x", "imageRef": image, "flavorRef": "1", "networks": []]])
            let id = try #require(vm.json["server"]?["id"]?.string, "\(vm)")
            let actions: [(JSON, Int)] = [
                (["os-start": .null], 409), (["reboot": ["type": "MEDIUM"]], 400), (["frobnicate": .null], 400),
                (["rebuild": ["imageRef": .string(missing)]], 400), (["rebuild": [:]], 400), (["addSecurityGroup": ["name": "nosuch"]], 400),
                (["os-stop": .null, "os-start": .null], 400),
            ]
            for (body, status) in actions {
                let r = try await cloud.api.post("/v2.1/servers/\(id)/action", token: demo, json: body)
                #expect(r.status == status && r.json.object?.count == 1, "\(body.text): \(r)")
            }
            #expect(try await cloud.api.post("/v2.1/servers/\(missing)/action", token: demo, json: ["os-stop": .null]).status == 404)
            #expect(try await cloud.api.get("/v2.1/servers/detail?limit=-1", token: demo).status == 400)
            #expect(try await cloud.api.get("/v2.1/servers/detail?marker=nope", token: demo).status == 400)
            #expect(try await cloud.api.get("/v2.1/servers/detail?changes-since=yesterday", token: demo).status == 400)
            #expect(try await cloud.api.get("/v2.1/servers/detail?host=c1", token: demo).status == 403)
            for path in ["/internal/v1/hosts/c1/instances", "/v2.1/os-hypervisors", "/v2.1/os-availability-zone/detail"] {
                let r = try await cloud.api.get(path, token: demo)
                #expect(r.status == 403 && r.json["forbidden"] != nil, "\(path): \(r)")
            }
            #expect(try await cloud.api.put("/internal/v1/instances/\(missing)/status", token: cloud.adminToken,
                                            json: ["status": ["power_state": 1, "generation": 1]]).status == 404)
            #expect(try await cloud.api.put("/internal/v1/instances/\(id)/status", token: cloud.adminToken, json: ["status": "x"]).status == 400)
            #expect(cloud.compute.isAlive)
        }
    }
}
