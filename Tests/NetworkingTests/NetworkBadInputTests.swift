import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// Bad input gets Neutron's error type and status, and leaves neither the database nor the Northbound changed.
@Suite struct NetworkBadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let status: Int
        let type: String
        let call: @Sendable (APIClient, Fixture) async throws -> APIResponse
        var description: String { name }
    }

    struct Fixture: Sendable {
        let network: String
        let subnet: String
        let port: String
        let portIP: String
        let fullNetwork: String
        let group: String
        let admin: String
        /// A member of another project.
        let member: String
    }

    static func port(_ f: Fixture, _ extra: JSONObject = [:]) -> JSON {
        var p: JSONObject = ["network_id": .string(f.network)]
        for (k, v) in extra { p[k] = v }
        return ["port": .object(p)]
    }


    static let cases: [Case] = [
        Case(name: "unknown attribute", status: 400, type: "HTTPBadRequest") { c, f in
            try await c.post("/v2.0/networks", token: f.admin, json: ["network": ["name": "x", "colour": "blue"]])
        },
        Case(name: "read-only attribute in POST", status: 400, type: "HTTPBadRequest") { c, f in
            try await c.post("/v2.0/networks", token: f.admin, json: ["network": ["status": "DOWN"]])
        },
        Case(name: "read-only attribute in PUT", status: 400, type: "HTTPBadRequest") { c, f in
            try await c.put("/v2.0/subnets/\(f.subnet)", token: f.admin, json: ["subnet": ["cidr": "10.9.0.0/24"]])
        },
        Case(name: "missing body", status: 400, type: "HTTPBadRequest") { c, f in
            try await c.post("/v2.0/networks", token: f.admin, json: ["net": [:]])
        },
        Case(name: "wrong type", status: 400, type: "InvalidInput") { c, f in
            try await c.post("/v2.0/networks", token: f.admin, json: ["network": ["admin_state_up": "maybe"]])
        },
        Case(name: "invalid CIDR", status: 400, type: "InvalidInput") { c, f in
            try await c.post("/v2.0/subnets", token: f.admin, json: ["subnet": ["network_id": .string(f.network), "ip_version": 4, "cidr": "10.1.0.0/33"]])
        },
        Case(name: "CIDR with host bits", status: 400, type: "InvalidInput") { c, f in
            try await c.post("/v2.0/subnets", token: f.admin, json: ["subnet": ["network_id": .string(f.network), "ip_version": 4, "cidr": "10.1.0.5/24"]])
        },
        Case(name: "overlapping subnet", status: 400, type: "InvalidInput") { c, f in
            try await c.post("/v2.0/subnets", token: f.admin, json: ["subnet": ["network_id": .string(f.network), "ip_version": 4, "cidr": "10.0.0.128/25"]])
        },
        Case(name: "gateway in the pool", status: 409, type: "GatewayConflictWithAllocationPools") { c, f in
            try await c.post("/v2.0/subnets", token: f.admin, json: ["subnet": ["network_id": .string(f.network), "ip_version": 4, "cidr": "10.2.0.0/24",
                                                     "gateway_ip": "10.2.0.5", "allocation_pools": [["start": "10.2.0.2", "end": "10.2.0.9"]]]])
        },
        Case(name: "subnet on unknown network", status: 404, type: "NetworkNotFound") { c, f in
            try await c.post("/v2.0/subnets", token: f.admin, json: ["subnet": ["network_id": "0b5c7d3e-0000-0000-0000-000000000000", "ip_version": 4, "cidr": "10.3.0.0/24"]])
        },
        Case(name: "invalid IP", status: 400, type: "InvalidInput") { c, f in
            try await c.post("/v2.0/ports", token: f.admin, json: port(f, ["fixed_ips": [["ip_address": "10.0.0.300"]]]))
        },
        Case(name: "IP outside the subnet", status: 400, type: "InvalidIpForSubnet") { c, f in
            try await c.post("/v2.0/ports", token: f.admin, json: port(f, ["fixed_ips": [["subnet_id": .string(f.subnet), "ip_address": "10.7.0.5"]]]))
        },
        Case(name: "IP in use", status: 409, type: "IpAddressAlreadyAllocated") { c, f in
            try await c.post("/v2.0/ports", token: f.admin, json: port(f, ["fixed_ips": [["ip_address": .string(f.portIP)]]]))
        },
        Case(name: "exhausted pool", status: 409, type: "IpAddressGenerationFailure") { c, f in
            try await c.post("/v2.0/ports", token: f.admin, json: ["port": ["network_id": .string(f.fullNetwork)]])
        },
        Case(name: "bad MAC", status: 400, type: "InvalidInput") { c, f in
            try await c.post("/v2.0/ports", token: f.admin, json: port(f, ["mac_address": "fa:16:3e:zz:00:01"]))
        },
        Case(name: "MAC in use", status: 409, type: "MacAddressInUse") { c, f in
            let mac = try await c.get("/v2.0/ports/\(f.port)", token: f.admin).json["port"]!["mac_address"]!
            return try await c.post("/v2.0/ports", token: f.admin, json: port(f, ["mac_address": mac]))
        },
        Case(name: "port on unknown network", status: 404, type: "NetworkNotFound") { c, f in
            try await c.post("/v2.0/ports", token: f.admin, json: ["port": ["network_id": "0b5c7d3e-0000-0000-0000-000000000000"]])
        },
        Case(name: "unknown security group", status: 404, type: "SecurityGroupNotFound") { c, f in
            try await c.post("/v2.0/ports", token: f.admin, json: port(f, ["security_groups": ["0b5c7d3e-0000-0000-0000-000000000000"]]))
        },
        Case(name: "port security off with groups", status: 400, type: "PortSecurityAndIPRequiredForSecurityGroups") { c, f in
            try await c.post("/v2.0/ports", token: f.admin, json: port(f, ["port_security_enabled": false, "security_groups": .array([.string(f.group)])]))
        },
        Case(name: "delete network with ports", status: 409, type: "NetworkInUse") { c, f in
            try await c.delete("/v2.0/networks/\(f.network)", token: f.admin)
        },
        Case(name: "delete subnet with ports", status: 409, type: "SubnetInUse") { c, f in
            try await c.delete("/v2.0/subnets/\(f.subnet)", token: f.admin)
        },
        Case(name: "delete group in use", status: 409, type: "SecurityGroupInUse") { c, f in
            try await c.delete("/v2.0/security-groups/\(f.group)", token: f.admin)
        },
        Case(name: "rule with ports but no protocol", status: 400, type: "SecurityGroupProtocolRequiredWithPorts") { c, f in
            try await c.post("/v2.0/security-group-rules", token: f.admin, json: ["security_group_rule": ["security_group_id": .string(f.group), "direction": "ingress", "port_range_min": 22]])
        },
        Case(name: "rule with bad protocol", status: 400, type: "SecurityGroupRuleInvalidProtocol") { c, f in
            try await c.post("/v2.0/security-group-rules", token: f.admin, json: ["security_group_rule": ["security_group_id": .string(f.group), "direction": "ingress", "protocol": "tcpx"]])
        },
        Case(name: "rule with reversed ports", status: 400, type: "SecurityGroupInvalidPortRange") { c, f in
            try await c.post("/v2.0/security-group-rules", token: f.admin, json: ["security_group_rule": [
                "security_group_id": .string(f.group), "direction": "ingress", "protocol": "tcp", "port_range_min": 90, "port_range_max": 80]])
        },
        Case(name: "duplicate rule", status: 409, type: "SecurityGroupRuleExists") { c, f in
            try await c.post("/v2.0/security-group-rules", token: f.admin, json: ["security_group_rule": ["security_group_id": .string(f.group), "direction": "egress", "ethertype": "IPv4"]])
        },
        Case(name: "flat network on unknown physnet", status: 400, type: "InvalidInput") { c, f in
            try await c.post("/v2.0/networks", token: f.admin, json: ["network": ["provider:network_type": "flat", "provider:physical_network": "nope"]])
        },
        Case(name: "member asking for provider attributes", status: 403, type: "PolicyNotAuthorized") { c, f in
            try await c.post("/v2.0/networks", token: f.member, json: ["network": ["provider:network_type": "geneve", "provider:segmentation_id": 77]])
        },
        Case(name: "member reading another project's port", status: 404, type: "PortNotFound") { c, f in
            try await c.get("/v2.0/ports/\(f.port)", token: f.member)
        },
    ]

    @Test(arguments: cases) func refusedWithNothingWritten(_ c: Case) async throws {
        let t = try await TestNetworking.start()
        let (network, subnet) = try await t.networkWithSubnet("bad")
        let port = try await t.create("ports", ["network_id": .string(network)])
        let full = try await t.create("networks", ["name": "full"])["id"]!.string!
        try await t.create("subnets", ["network_id": .string(full), "ip_version": 4, "cidr": "10.5.0.0/29",
                                       "allocation_pools": [["start": "10.5.0.2", "end": "10.5.0.3"]]])
        try await t.create("ports", ["network_id": .string(full)])
        let group = try await t.create("security-groups", ["name": "g"])["id"]!.string!
        try await t.update("ports", port["id"]!.string!, ["security_groups": [.string(group)]])
        let fixture = Fixture(network: network, subnet: subnet, port: port["id"]!.string!,
                              portIP: port["fixed_ips"]!.array![0]["ip_address"]!.string!, fullNetwork: full, group: group,
                              admin: t.admin, member: try await t.member("p1").token)
        let nbBefore = t.northbound()
        let apiBefore = (try await t.list("networks"), try await t.list("subnets"), try await t.list("ports"), try await t.list("security-group-rules"))

        let r = try await c.call(t.client, fixture)
        #expect(r.status >= 400, "\(c.name): accepted: \(r)")
        #expect(r.status == c.status, "\(c.name): \(r)")
        #expect(r.neutronType == c.type, "\(c.name): \(r)")
        let apiAfter = (try await t.list("networks"), try await t.list("subnets"), try await t.list("ports"), try await t.list("security-group-rules"))
        #expect(apiAfter.0.count == apiBefore.0.count && apiAfter.1 == apiBefore.1 && apiAfter.2.count == apiBefore.2.count && apiAfter.3.count == apiBefore.3.count)
        try await t.restart()
        #expect(t.northbound() == nbBefore)
        await t.destroy()
    }
}

/// Numbers a fuzzer sent: each is Neutron's 400 naming the field, never a trap, and the service keeps working.
@Suite struct NetworkBadNumberTests {
    static func rule(_ group: String, _ members: String) -> [UInt8] {
        Array(#"{"security_group_rule": {"security_group_id": "\#(group)", "direction": "ingress", \#(members)}}"#.utf8)
    }

    @Test func hugeAndFractionalNumbersAreRefused() async throws {
        let t = try await TestNetworking.start()
        let group = try await t.create("security-groups", ["name": "g"])["id"]!.string!
        let rulesBefore = try await t.list("security-group-rules").count
        let cases: [(members: String, field: String, value: String?)] = [
            (#""protocol": 18446744073709551616"#, "protocol", "18446744073709551616"),
            (#""protocol": -18446744073709551616"#, "protocol", "-18446744073709551616"),
            (#""protocol": 6.5"#, "protocol", "6.5"),
            (#""protocol": "tcp", "port_range_min": 1e300, "port_range_max": 80"#, "port_range_min", nil),
            (#""protocol": "tcp", "port_range_min": -0.5"#, "port_range_min", "-0.5"),
            (#""protocol": "tcp", "port_range_min": 22, "port_range_max": 9223372036854775808"#, "port_range_max", "9223372036854775808"),
        ]
        for c in cases {
            let r = try await t.client.send("POST", "/v2.0/security-group-rules", token: t.admin, body: Self.rule(group, c.members))
            #expect(r.status == 400 && r.neutronType == "InvalidInput", "\(c.members): \(r)")
            let message = r.json["NeutronError"]?["message"]?.string ?? ""
            #expect(message.contains("Invalid input for \(c.field). Reason: '\(c.value ?? "")"), "\(message)")
            #expect(message.contains("' is not an integer"), "\(message)")
        }
        // 1e400 is not a finite number: the body is not JSON.
        let infinite = try await t.client.send("POST", "/v2.0/security-group-rules", token: t.admin, body: Self.rule(group, #""protocol": 1e400"#))
        #expect(infinite.status == 400 && infinite.neutronType == "HTTPBadRequest", "\(infinite)")
        // A DHCP option's ip_version too.
        let (network, _) = try await t.networkWithSubnet("n")
        let port = try await t.client.send("POST", "/v2.0/ports", token: t.admin, body: Array(
            #"{"port": {"network_id": "\#(network)", "extra_dhcp_opts": [{"opt_name": "mtu", "opt_value": "1400", "ip_version": 1e19}]}}"#.utf8))
        #expect(port.status == 400, "\(port)")
        #expect(try await t.list("security-group-rules").count == rulesBefore)
        // Still serving: integral numbers, also written as 22.0, are accepted.
        let ok = try await t.client.send("POST", "/v2.0/security-group-rules", token: t.admin,
                                         body: Self.rule(group, #""protocol": 6, "port_range_min": 22.0, "port_range_max": 22"#))
        #expect(ok.status == 201, "\(ok)")
        #expect(ok.json["security_group_rule"]?["protocol"] == "6" && ok.json["security_group_rule"]?["port_range_min"] == 22)
        #expect(try await t.list("security-group-rules").count == rulesBefore + 1)
        await t.destroy()
    }
}

/// A NUL character in any string of a body (found by the fuzz test): the Northbound cannot hold one, and a
/// transaction with it made ovsdb-server drop the connection and every later repair fail. Refused with 400.
@Suite struct NetworkNulStringTests {
    @Test func stringsWithNulAreRefusedAndTheNorthboundKeepsWorking() async throws {
        let t = try await TestNetworking.start()
        let (network, subnet) = try await t.networkWithSubnet("n")
        let nbBefore = t.northbound()
        let bodies = [
            #"{"network": {"name": "a\u0000b"}}"#,
            #"{"port": {"network_id": "\#(network)", "name": "p\u0000"}}"#,
            #"{"port": {"network_id": "\#(network)", "fixed_ips": [{"subnet_id": "\#(subnet)\u0000"}]}}"#,
            #"{"security_group": {"name": "g", "description": "\u0000"}}"#,
        ]
        for (body, path) in zip(bodies, ["/v2.0/networks", "/v2.0/ports", "/v2.0/ports", "/v2.0/security-groups"]) {
            let r = try await t.client.send("POST", path, token: t.admin, body: Array(body.utf8))
            #expect(r.status == 400 && r.neutronType == "InvalidInput", "\(body): \(r)")
        }
        #expect(t.northbound() == nbBefore)
        // The service and its Northbound connection still work: a plain create lands in the NB, and a restart
        // (a full repair) changes nothing.
        let port = try await t.create("ports", ["network_id": .string(network), "name": "after"])["id"]!.string!
        try await t.waitNB { $0.rows("Logical_Switch_Port", where: "name", is: .string(port)).count == 1 }
        let nbAfter = t.northbound()
        try await t.restart()
        #expect(t.northbound() == nbAfter)
        await t.destroy()
    }
}
