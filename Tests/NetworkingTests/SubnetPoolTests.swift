import Foundation
@testable import Networking
import Addressing
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// Subnet pools (`subnet_allocation`, `default-subnetpools`): prefix arithmetic, and subnets carved from a pool.
@Suite struct SubnetPoolTests {
    static func nets(_ texts: [String]) -> [IPNetwork] { texts.map { IPNetwork($0)! } }

    @Test func prefixesMergeAsNetaddrDoes() {
        #expect(PrefixAllocation.merged(Self.nets(["10.11.12.0/24", "10.11.0.0/16"])).map(\.description) == ["10.11.0.0/16"])
        #expect(PrefixAllocation.merged(Self.nets(["10.0.0.0/25", "10.0.0.128/25"])).map(\.description) == ["10.0.0.0/24"])
        #expect(PrefixAllocation.merged(Self.nets(["10.0.1.0/24", "10.0.2.0/24"])).map(\.description) == ["10.0.1.0/24", "10.0.2.0/24"])
        #expect(PrefixAllocation.merged(Self.nets(["2001:db8::/64", "2001:db8:0:1::/64"])).map(\.description) == ["2001:db8::/63"])
        #expect(PrefixAllocation.merged(Self.nets(["0.0.0.0/0"])).map(\.description) == ["0.0.0.0/0"])
    }

    @Test func theFirstFreeBlockSkipsUsedOnes() {
        let pool = Self.nets(["10.11.12.0/24"])
        #expect(PrefixAllocation.firstFree(30, in: pool, used: [])?.description == "10.11.12.0/30")
        #expect(PrefixAllocation.firstFree(30, in: pool, used: Self.nets(["10.11.12.0/30", "10.11.12.8/29"]))?.description == "10.11.12.4/30")
        #expect(PrefixAllocation.firstFree(28, in: pool, used: Self.nets(["10.11.12.0/30"]))?.description == "10.11.12.16/28")
        #expect(PrefixAllocation.firstFree(24, in: pool, used: Self.nets(["10.11.12.200/30"])) == nil)
        #expect(PrefixAllocation.firstFree(16, in: pool, used: []) == nil)
        // Near the top of the IPv6 space nothing overflows.
        let all6 = Self.nets(["::/0"])
        #expect(PrefixAllocation.firstFree(1, in: all6, used: Self.nets(["::/1", "8000::/2"])) == nil)
        #expect(PrefixAllocation.firstFree(2, in: all6, used: Self.nets(["::/1", "8000::/2"]))?.description == "c000::/2")
        #expect(PrefixAllocation.firstFree(200, in: all6, used: []) == nil)
        #expect(PrefixAllocation.firstFree(-3, in: pool, used: []) == nil)
    }

    @Test func subnetsAreCarvedFromAPool() async throws {
        let t = try await TestNetworking.start()
        let member = try await t.member("sp")
        let pool = try await t.create("subnetpools", ["name": "p", "prefixes": ["10.11.12.0/24"], "min_prefixlen": 28,
                                                      "max_prefixlen": 30, "default_quota": 8], token: member.token)
        let id = pool["id"]!.string!
        #expect(pool["ip_version"]?.int == 4 && pool["default_prefixlen"]?.string == "28" && pool["shared"]?.bool == false)
        let net = try await t.create("networks", ["name": "n"], token: member.token)["id"]!.string!
        let first = try await t.create("subnets", ["network_id": .string(net), "ip_version": 4, "subnetpool_id": .string(id),
                                                   "prefixlen": 30], token: member.token)
        #expect(first["cidr"]?.string == "10.11.12.0/30" && first["subnetpool_id"]?.string == id && first["gateway_ip"]?.string == "10.11.12.1")
        let second = try await t.create("subnets", ["network_id": .string(net), "ip_version": 4, "subnetpool_id": .string(id),
                                                    "cidr": "10.11.12.4/30"], token: member.token)
        #expect(second["cidr"]?.string == "10.11.12.4/30")
        // The project's default_quota (8 addresses) is used up; a CIDR outside the pool, or of the wrong size, is refused.
        var r = try await t.client.post("/v2.0/subnets", token: member.token, json: ["subnet": [
            "network_id": .string(net), "ip_version": 4, "subnetpool_id": .string(id), "prefixlen": 30]])
        #expect(r.status == 409 && r.neutronType == "SubnetPoolQuotaExceeded", "\(r)")
        r = try await t.client.post("/v2.0/subnets", token: member.token, json: ["subnet": [
            "network_id": .string(net), "ip_version": 4, "subnetpool_id": .string(id), "cidr": "10.99.0.0/30"]])
        #expect(r.status == 400 && r.neutronType == "SubnetAllocationError", "\(r)")
        r = try await t.client.post("/v2.0/subnets", token: member.token, json: ["subnet": [
            "network_id": .string(net), "ip_version": 4, "subnetpool_id": .string(id), "prefixlen": 26]])
        #expect(r.status == 400 && r.neutronType == "SubnetAllocationError", "\(r)")
        // A subnet of the same network from no pool is refused: one network, one pool per IP version.
        r = try await t.client.post("/v2.0/subnets", token: member.token, json: ["subnet": [
            "network_id": .string(net), "ip_version": 4, "cidr": "192.168.7.0/24"]])
        #expect(r.status == 400 && r.neutronType == "NetworkSubnetPoolAffinityError", "\(r)")

        // Prefixes may grow, not shrink; the pool cannot go while subnets use it.
        let grown = try await t.update("subnetpools", id, ["prefixes": ["10.11.0.0/16"]], token: member.token)
        #expect(grown["prefixes"]?.array == ["10.11.0.0/16"])
        r = try await t.client.put("/v2.0/subnetpools/\(id)", token: member.token, json: ["subnetpool": ["prefixes": ["10.11.12.0/24"]]])
        #expect(r.status == 400 && r.neutronType == "IllegalSubnetPoolPrefixUpdate", "\(r)")
        r = try await t.client.delete("/v2.0/subnetpools/\(id)", token: member.token)
        #expect(r.status == 409 && r.neutronType == "SubnetPoolInUse", "\(r)")

        // Only admins share pools or make the default one; others do not see a private pool.
        r = try await t.client.post("/v2.0/subnetpools", token: member.token, json: ["subnetpool": [
            "name": "s", "prefixes": ["10.20.0.0/16"], "shared": true]])
        #expect(r.status == 403, "\(r)")
        let other = try await t.member("other")
        #expect(try await t.client.get("/v2.0/subnetpools/\(id)", token: other.token).neutronType == "SubnetPoolNotFound")
        let def = try await t.create("subnetpools", ["name": "default", "prefixes": ["10.30.0.0/16"], "default_prefixlen": 26,
                                                     "is_default": true, "shared": true])
        let net2 = try await t.create("networks", ["name": "n2"], token: other.token)["id"]!.string!
        let fromDefault = try await t.create("subnets", ["network_id": .string(net2), "ip_version": 4, "use_default_subnetpool": true],
                                             token: other.token)
        #expect(fromDefault["cidr"]?.string == "10.30.0.0/26" && fromDefault["subnetpool_id"] == def["id"])
        r = try await t.client.post("/v2.0/subnetpools", token: t.admin, json: ["subnetpool": [
            "name": "again", "prefixes": ["10.40.0.0/16"], "is_default": true]])
        #expect(r.status == 400, "\(r)")

        // Kept across a restart.
        try await t.restart()
        #expect(try await t.show("subnetpools", id, token: member.token)["prefixes"]?.array == ["10.11.0.0/16"])
        await t.destroy()
    }
}
