import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import OVSDBTestSupport
import Testing

/// The API extensions beyond the core resources: revision-if-match, filter-validation,
/// security-groups-normalized-cidr, network-ip-availability, floatingip-pools, port-mac-address-regenerate.
@Suite struct NetworkExtensionTests {
    @Test func ifMatchConstrainsUpdatesAndDeletes() async throws {
        let t = try await TestNetworking.start()
        let net = try await t.create("networks", ["name": "n"])
        let id = net["id"]!.string!, revision = net["revision_number"]!.int!
        let stale = [("If-Match", "revision_number=\(revision - 1)")]
        var r = try await t.client.put("/v2.0/networks/\(id)", token: t.admin, json: ["network": ["name": "m"]], headers: stale)
        #expect(r.status == 412 && r.neutronType == "RevisionNumberConstraintFailed", "\(r)")
        #expect(r.json["NeutronError"]?["message"]?.string == "Constrained to \(revision - 1), but current revision is \(revision)")
        #expect(try await t.show("networks", id)["name"]?.string == "n")

        r = try await t.client.put("/v2.0/networks/\(id)", token: t.admin, json: ["network": ["name": "m"]],
                                   headers: [("If-Match", "revision_number=\(revision)")])
        #expect(r.status == 200 && r.json["network"]?["revision_number"]?.int == revision + 1, "\(r)")

        r = try await t.client.delete("/v2.0/networks/\(id)", token: t.admin, headers: [("If-Match", "revision_number=x")])
        #expect(r.status == 400 && r.neutronType == "HTTPBadRequest", "\(r)")
        r = try await t.client.delete("/v2.0/networks/\(id)", token: t.admin, headers: [("If-Match", "revision_number=\(revision)")])
        #expect(r.status == 412, "\(r)")
        #expect(try await t.show("networks", id)["name"]?.string == "m")
        r = try await t.client.delete("/v2.0/networks/\(id)", token: t.admin, headers: [("If-Match", "\"revision_number=\(revision + 1)\"")])
        #expect(r.status == 204, "\(r)")
        await t.destroy()
    }

    @Test func unknownFiltersAreRefused() async throws {
        let t = try await TestNetworking.start()
        _ = try await t.networkWithSubnet("n")
        for path in ["/v2.0/networks?colour=blue", "/v2.0/ports?colour=blue&name=x", "/v2.0/subnets?bogus=1&bogus=2"] {
            let r = try await t.client.get(path, token: t.admin)
            #expect(r.status == 400 && r.neutronType == "HTTPBadRequest", "\(path): \(r)")
            #expect(r.json["NeutronError"]?["message"]?.string?.hasSuffix("is invalid attribute for filtering") == true, "\(r)")
        }
        let r = try await t.client.get("/v2.0/ports?colour=blue", token: t.admin)
        #expect(r.json["NeutronError"]?["message"]?.string == "['colour'] is invalid attribute for filtering")
        #expect(try await t.list("networks", "name=n&router:external=false&fields=id").count == 1)
        #expect(try await t.list("ports", "device_owner=network:distributed&fixed_ips=ip_address_substr=10.0").count == 1)
        await t.destroy()
    }

    @Test func ruleCIDRsAreNormalized() async throws {
        let t = try await TestNetworking.start()
        let group = try await t.create("security-groups", ["name": "g"])["id"]!.string!
        let rule = try await t.create("security-group-rules", ["security_group_id": .string(group), "direction": "ingress",
                                                               "ethertype": "IPv4", "remote_ip_prefix": "10.0.0.5/24"])
        #expect(rule["remote_ip_prefix"]?.string == "10.0.0.5/24")
        #expect(rule["normalized_cidr"]?.string == "10.0.0.0/24")
        let ruleID = rule["id"]!.string!
        try await t.waitNB { nb in
            nb.rows(NB.ACL.table).contains { $0["external_ids"]?.stringMap["neutron:security_group_rule_id"] == ruleID
                && $0["match"]?.string?.contains("ip4.src == 10.0.0.0/24") == true }
        }
        // The same traffic written the other way is the same rule.
        let r = try await t.client.post("/v2.0/security-group-rules", token: t.admin, json: ["security_group_rule": [
            "security_group_id": .string(group), "direction": "ingress", "ethertype": "IPv4", "remote_ip_prefix": "10.0.0.0/24"]])
        #expect(r.status == 409 && r.neutronType == "SecurityGroupRuleExists", "\(r)")
        let host = try await t.create("security-group-rules", ["security_group_id": .string(group), "direction": "egress",
                                                               "ethertype": "IPv4", "remote_ip_prefix": "10.0.0.7"])
        #expect(host["remote_ip_prefix"]?.string == "10.0.0.7/32" && host["normalized_cidr"]?.string == "10.0.0.7/32")
        await t.destroy()
    }

    @Test func ipAvailabilityCountsPoolsAndAllocations() async throws {
        let t = try await TestNetworking.start()
        let (net, subnet) = try await t.networkWithSubnet("n", cidr: "10.9.0.0/24")
        let small = try await t.create("subnets", ["network_id": .string(net), "ip_version": 4, "cidr": "10.9.1.0/28", "enable_dhcp": false,
                                                   "allocation_pools": [["start": "10.9.1.2", "end": "10.9.1.6"]]])["id"]!.string!
        for _ in 0..<2 { try await t.create("ports", ["network_id": .string(net), "fixed_ips": [["subnet_id": .string(small)]]]) }
        try await t.create("ports", ["network_id": .string(net), "fixed_ips": [["subnet_id": .string(subnet)]]])
        let used = try await t.list("ports", "network_id=\(net)").flatMap { $0["fixed_ips"]?.array ?? [] }
        func usedIn(_ s: String) -> Int { used.filter { $0["subnet_id"]?.string == s }.count }

        let r = try await t.client.get("/v2.0/network-ip-availabilities/\(net)", token: t.admin)
        let a = try #require(r.json["network_ip_availability"]?.object, "\(r)")
        #expect(a["network_name"]?.string == "n" && a["total_ips"]?.int == 253 + 5 && a["used_ips"]?.int == used.count)
        let subnets = a["subnet_ip_availability"]?.array ?? []
        #expect(subnets.first { $0["subnet_id"]?.string == small }?["used_ips"]?.int == 2)
        #expect(subnets.first { $0["subnet_id"]?.string == subnet }?["used_ips"]?.int == usedIn(subnet))
        #expect(subnets.first { $0["subnet_id"]?.string == small }?["total_ips"]?.int == 5)

        #expect(try await t.list("network-ip-availabilities", "network_id=\(net)").count == 1)
        #expect(try await t.list("network-ip-availabilities", "network_id=\(net)&ip_version=6").isEmpty)
        let member = try await t.member("p")
        #expect(try await t.client.get("/v2.0/network-ip-availabilities", token: member.token).status == 403)
        #expect(try await t.client.get("/v2.0/network-ip-availabilities/nope", token: t.admin).status == 404)
        await t.destroy()
    }

    @Test func floatingIPPoolsAreTheIPv4SubnetsOfExternalNetworks() async throws {
        let t = try await TestNetworking.start()
        let ext = try await t.create("networks", ["name": "public", "router:external": true])["id"]!.string!
        let v4 = try await t.create("subnets", ["network_id": .string(ext), "ip_version": 4, "cidr": "203.0.113.0/24", "name": "v4"])
        try await t.create("subnets", ["network_id": .string(ext), "ip_version": 6, "cidr": "2001:db8::/64"])
        _ = try await t.networkWithSubnet("internal")
        let member = try await t.member("p")
        let pools = try await t.list("floatingip-pools", token: member.token)
        #expect(pools.count == 1)
        #expect(pools.first?["subnet_id"]?.string == v4["id"]?.string && pools.first?["cidr"]?.string == "203.0.113.0/24")
        #expect(pools.first?["network_id"]?.string == ext && pools.first?["project_id"]?.string == member.projectID)
        await t.destroy()
    }

    @Test func aNullMACRegeneratesIt() async throws {
        let t = try await TestNetworking.start()
        let (net, _) = try await t.networkWithSubnet("n")
        let port = try await t.create("ports", ["network_id": .string(net)])
        let id = port["id"]!.string!, old = port["mac_address"]!.string!
        let member = try await t.member("p")
        let denied = try await t.client.put("/v2.0/ports/\(id)", token: member.token, json: ["port": ["mac_address": .null]])
        #expect(denied.status == 404 || denied.status == 403, "\(denied)")
        let updated = try await t.update("ports", id, ["mac_address": .null])
        let mac = try #require(updated["mac_address"]?.string)
        #expect(mac != old && mac.split(separator: ":").count == 6)
        try await t.waitNB { nb in
            nb.rows(NB.LogicalSwitchPort.table).contains { $0["name"]?.string == id && $0["addresses"]?.strings.contains { $0.hasPrefix(mac) } == true }
        }
        let r = try await t.client.post("/v2.0/ports", token: t.admin, json: ["port": ["network_id": .string(net), "mac_address": .null]])
        #expect(r.status == 400, "\(r)")
        await t.destroy()
    }

    @Test func numaPolicyAndDeviceProfileAreKept() async throws {
        let t = try await TestNetworking.start()
        let (net, _) = try await t.networkWithSubnet("n")
        let port = try await t.create("ports", ["network_id": .string(net), "numa_affinity_policy": "preferred", "device_profile": "gpu"])
        #expect(port["numa_affinity_policy"]?.string == "preferred" && port["device_profile"]?.string == "gpu")
        let id = port["id"]!.string!
        #expect(try await t.update("ports", id, ["numa_affinity_policy": .null])["numa_affinity_policy"] == .null)
        var r = try await t.client.put("/v2.0/ports/\(id)", token: t.admin, json: ["port": ["numa_affinity_policy": "sometimes"]])
        #expect(r.status == 400 && r.neutronType == "InvalidInput", "\(r)")
        r = try await t.client.put("/v2.0/ports/\(id)", token: t.admin, json: ["port": ["device_profile": "other"]])
        #expect(r.status == 400, "\(r)")
        try await t.restart()
        #expect(try await t.show("ports", id)["device_profile"]?.string == "gpu")
        await t.destroy()
    }

    @Test func collectionsKeyedOtherwisePageByTheirKey() async throws {
        let t = try await TestNetworking.start()
        for n in 0..<3 { _ = try await t.networkWithSubnet("n\(n)", cidr: "10.7.\(n).0/24") }
        var seen: [String] = [], path = "/v2.0/network-ip-availabilities?limit=2"
        for _ in 0..<5 {
            let r = try await t.client.get(path, token: t.admin)
            let items = r.json["network_ip_availabilities"]?.array ?? []
            seen += items.compactMap { $0["network_id"]?.string }
            guard let next = r.json["network_ip_availabilities_links"]?.array?.first(where: { $0["rel"] == "next" })?["href"]?.string,
                  !items.isEmpty else { break }
            #expect(next.contains("marker="), "\(next)")
            path = String(next[next.range(of: "/v2.0/")!.lowerBound...])
        }
        #expect(seen.count == 3 && Set(seen).count == 3, "\(seen)")
        #expect(try await t.client.get("/v2.0/network-ip-availabilities?ip_version=abc", token: t.admin).status == 400)
        // changed_since (standard-attr-timestamp): only what changed at or after the time.
        #expect(try await t.list("networks", "changed_since=2000-01-01T00:00:00Z").count == 3)
        #expect(try await t.list("networks", "changed_since=2999-01-01T00:00:00Z").isEmpty)
        await t.destroy()
    }
}

/// `subnet-service-types`: a subnet naming device owners serves only their ports (and DHCP/metadata); ports,
/// floating IPs and router gateways take addresses from the subnets that serve them, those naming them first.
@Suite struct SubnetServiceTypeTests {
    @Test func portsTakeAddressesFromTheSubnetsServingThem() async throws {
        let t = try await TestNetworking.start()
        let ext = try await t.create("networks", ["name": "ext", "router:external": true])["id"]!.string!
        let fipSubnet = try await t.create("subnets", ["network_id": .string(ext), "ip_version": 4, "cidr": "198.51.100.0/24",
                                                       "service_types": ["network:floatingip"]])
        #expect(fipSubnet["service_types"]?.array?.compactMap(\.string) == ["network:floatingip"], "\(fipSubnet)")
        let fipSubnetID = fipSubnet["id"]!.string!
        // No subnet serves a router gateway yet.
        let router = try await t.create("routers", ["name": "r"])["id"]!.string!
        let refused = try await t.client.put("/v2.0/routers/\(router)", token: t.admin, json: ["router": ["external_gateway_info": ["network_id": .string(ext)]]])
        #expect(refused.status == 400 && refused.neutronType == "IpAddressGenerationFailureNoMatchingSubnet", "\(refused)")
        let general = try await t.create("subnets", ["network_id": .string(ext), "ip_version": 4, "cidr": "203.0.113.0/24"])["id"]!.string!
        let gw = try await t.update("routers", router, ["external_gateway_info": ["network_id": .string(ext)]])
        #expect(gw["external_gateway_info"]?["external_fixed_ips"]?.array?.first?["subnet_id"]?.string == general, "\(gw)")

        // Floating IPs come from the subnet naming them, even with another subnet on the network.
        for _ in 0..<3 {
            let fip = try await t.create("floatingips", ["floating_network_id": .string(ext)])
            #expect(fip["floating_ip_address"]?.string?.hasPrefix("198.51.100.") == true, "\(fip)")
        }
        // A compute port may not use the floating IP subnet, by default or by name.
        let port = try await t.create("ports", ["network_id": .string(ext), "device_owner": "compute:nova"])
        #expect(port["fixed_ips"]?.array?.map { $0["subnet_id"]?.string } == [general], "\(port)")
        let named = try await t.client.post("/v2.0/ports", token: t.admin, json: ["port": ["network_id": .string(ext), "device_owner": "compute:nova",
                                                                                          "fixed_ips": [["subnet_id": .string(fipSubnetID)]]]])
        #expect(named.status == 400, "\(named)")
        let pools = try await t.list("floatingip-pools")
        #expect(pools.compactMap { $0["subnet_id"]?.string }.sorted() == [fipSubnetID, general].sorted(), "\(pools)")

        // Bad types; an update replaces them, and null clears them.
        for bad: JSON in [["nova"], [1], "network:floatingip"] {
            let r = try await t.client.put("/v2.0/subnets/\(general)", token: t.admin, json: ["subnet": ["service_types": bad]])
            #expect(r.status == 400 && ["InvalidSubnetServiceType", "InvalidInputSubnetServiceType", "HTTPBadRequest"].contains(r.neutronType ?? ""),
                    "\(bad): \(r)")
        }
        // neutron-lib's prefix check lets `test:…` through (see SubnetDecoding.serviceTypes).
        #expect(try await t.client.put("/v2.0/subnets/\(general)", token: t.admin, json: ["subnet": ["service_types": ["test:type_1"]]]).status == 200)
        let onlyCompute = try await t.update("subnets", general, ["service_types": ["compute:nova"]])
        #expect(onlyCompute["service_types"]?.array?.compactMap(\.string) == ["compute:nova"])
        let cleared = try await t.update("subnets", fipSubnetID, ["service_types": .null])
        #expect(cleared["service_types"]?.array?.isEmpty == true, "\(cleared)")
        try await t.restart()
        #expect(try await t.show("subnets", general)["service_types"]?.array?.compactMap(\.string) == ["compute:nova"], "kept across a restart")
        await t.destroy()
    }
}
