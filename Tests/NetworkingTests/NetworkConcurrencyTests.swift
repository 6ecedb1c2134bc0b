import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// Many clients at once: every network gets its own VNI, every port its own address and MAC.
@Suite struct NetworkConcurrencyTests {
    @Test func concurrentCreatesNeverCollide() async throws {
        let t = try await TestNetworking.start()
        let vnis = try await withThrowingTaskGroup(of: Int.self) { group in
            for n in 0..<40 {
                group.addTask {
                    let net = try await t.create("networks", ["name": .string("n\(n)")])
                    return net["provider:segmentation_id"]!.intValue!
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(vnis).count == 40 && vnis.allSatisfy { (1...65536).contains($0) })

        let (network, _) = try await t.networkWithSubnet("busy", cidr: "10.9.0.0/26")
        let ports = try await withThrowingTaskGroup(of: JSONObject?.self) { group in
            // 61 addresses in the pool, one taken by the metadata port: 60 succeed, the rest get 409.
            for _ in 0..<70 {
                group.addTask {
                    let r = try await t.client.post("/v2.0/ports", token: t.admin, json: ["port": ["network_id": .string(network)]])
                    if r.status == 409 {
                        #expect(r.neutronType == "IpAddressGenerationFailure")
                        return nil
                    }
                    #expect(r.status == 201, "\(r)")
                    return r.json["port"]?.object
                }
            }
            return try await group.reduce(into: [JSONObject]()) { if let p = $1 { $0.append(p) } }
        }
        #expect(ports.count == 60)
        #expect(Set(ports.map { $0["fixed_ips"]!.array![0]["ip_address"]!.string! }).count == 60)
        #expect(Set(ports.map { $0["mac_address"]!.string! }).count == 60)
        try await t.waitNB { $0.rows("Logical_Switch_Port").count >= 60 + 41 }
        await t.destroy()
    }
}
