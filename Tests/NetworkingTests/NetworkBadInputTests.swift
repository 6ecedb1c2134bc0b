import Foundation
import Networking
import OpenStackAPI
import Testing

/// Bad input gets Neutron's error type and status, and leaves neither the database nor the Northbound changed.
@Suite struct NetworkBadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let status: Int
        let type: String
        let call: @Sendable (NetworkingCore, Fixture) async throws -> Void
        var description: String { name }
    }

    struct Fixture: Sendable {
        let network: String
        let subnet: String
        let port: String
        let portIP: String
        let fullNetwork: String
        let group: String
    }

    static let admin = TestNetworking.admin
    static func port(_ f: Fixture, _ extra: JSONObject = [:]) -> JSONObject {
        var p: JSONObject = ["network_id": .string(f.network)]
        for (k, v) in extra { p[k] = v }
        return ["port": .object(p)]
    }

    static let cases: [Case] = [
        Case(name: "unknown attribute", status: 400, type: "HTTPBadRequest") { c, _ in
            _ = try await c.createNetwork(["network": ["name": "x", "colour": "blue"]], admin)
        },
        Case(name: "read-only attribute in POST", status: 400, type: "HTTPBadRequest") { c, _ in
            _ = try await c.createNetwork(["network": ["status": "DOWN"]], admin)
        },
        Case(name: "read-only attribute in PUT", status: 400, type: "HTTPBadRequest") { c, f in
            _ = try await c.updateSubnet(f.subnet, ["subnet": ["cidr": "10.9.0.0/24"]], admin)
        },
        Case(name: "missing body", status: 400, type: "HTTPBadRequest") { c, _ in
            _ = try await c.createNetwork(["net": [:]], admin)
        },
        Case(name: "wrong type", status: 400, type: "InvalidInput") { c, _ in
            _ = try await c.createNetwork(["network": ["admin_state_up": "maybe"]], admin)
        },
        Case(name: "invalid CIDR", status: 400, type: "InvalidInput") { c, f in
            _ = try await c.createSubnet(["subnet": ["network_id": .string(f.network), "ip_version": 4, "cidr": "10.1.0.0/33"]], admin)
        },
        Case(name: "CIDR with host bits", status: 400, type: "InvalidInput") { c, f in
            _ = try await c.createSubnet(["subnet": ["network_id": .string(f.network), "ip_version": 4, "cidr": "10.1.0.5/24"]], admin)
        },
        Case(name: "overlapping subnet", status: 400, type: "InvalidInput") { c, f in
            _ = try await c.createSubnet(["subnet": ["network_id": .string(f.network), "ip_version": 4, "cidr": "10.0.0.128/25"]], admin)
        },
        Case(name: "gateway in the pool", status: 409, type: "GatewayConflictWithAllocationPools") { c, f in
            _ = try await c.createSubnet(["subnet": ["network_id": .string(f.network), "ip_version": 4, "cidr": "10.2.0.0/24",
                                                     "gateway_ip": "10.2.0.5", "allocation_pools": [["start": "10.2.0.2", "end": "10.2.0.9"]]]], admin)
        },
        Case(name: "subnet on unknown network", status: 404, type: "NetworkNotFound") { c, _ in
            _ = try await c.createSubnet(["subnet": ["network_id": "0b5c7d3e-0000-0000-0000-000000000000", "ip_version": 4, "cidr": "10.3.0.0/24"]], admin)
        },
        Case(name: "invalid IP", status: 400, type: "InvalidInput") { c, f in
            _ = try await c.createPort(port(f, ["fixed_ips": [["ip_address": "10.0.0.300"]]]), admin)
        },
        Case(name: "IP outside the subnet", status: 400, type: "InvalidIpForSubnet") { c, f in
            _ = try await c.createPort(port(f, ["fixed_ips": [["subnet_id": .string(f.subnet), "ip_address": "10.7.0.5"]]]), admin)
        },
        Case(name: "IP in use", status: 409, type: "IpAddressAlreadyAllocated") { c, f in
            _ = try await c.createPort(port(f, ["fixed_ips": [["ip_address": .string(f.portIP)]]]), admin)
        },
        Case(name: "exhausted pool", status: 409, type: "IpAddressGenerationFailure") { c, f in
            _ = try await c.createPort(["port": ["network_id": .string(f.fullNetwork)]], admin)
        },
        Case(name: "bad MAC", status: 400, type: "InvalidInput") { c, f in
            _ = try await c.createPort(port(f, ["mac_address": "fa:16:3e:zz:00:01"]), admin)
        },
        Case(name: "MAC in use", status: 409, type: "MacAddressInUse") { c, f in
            let mac = try await c.showPort(f.port, admin)["mac_address"]!
            _ = try await c.createPort(port(f, ["mac_address": mac]), admin)
        },
        Case(name: "port on unknown network", status: 404, type: "NetworkNotFound") { c, _ in
            _ = try await c.createPort(["port": ["network_id": "0b5c7d3e-0000-0000-0000-000000000000"]], admin)
        },
        Case(name: "unknown security group", status: 404, type: "SecurityGroupNotFound") { c, f in
            _ = try await c.createPort(port(f, ["security_groups": ["0b5c7d3e-0000-0000-0000-000000000000"]]), admin)
        },
        Case(name: "port security off with groups", status: 400, type: "PortSecurityAndIPRequiredForSecurityGroups") { c, f in
            _ = try await c.createPort(port(f, ["port_security_enabled": false, "security_groups": .array([.string(f.group)])]), admin)
        },
        Case(name: "delete network with ports", status: 409, type: "NetworkInUse") { c, f in
            try await c.deleteNetwork(f.network, admin)
        },
        Case(name: "delete subnet with ports", status: 409, type: "SubnetInUse") { c, f in
            try await c.deleteSubnet(f.subnet, admin)
        },
        Case(name: "delete group in use", status: 409, type: "SecurityGroupInUse") { c, f in
            try await c.deleteGroup(f.group, admin)
        },
        Case(name: "rule with ports but no protocol", status: 400, type: "SecurityGroupProtocolRequiredWithPorts") { c, f in
            _ = try await c.createRule(["security_group_rule": ["security_group_id": .string(f.group), "direction": "ingress", "port_range_min": 22]], admin)
        },
        Case(name: "rule with bad protocol", status: 400, type: "SecurityGroupRuleInvalidProtocol") { c, f in
            _ = try await c.createRule(["security_group_rule": ["security_group_id": .string(f.group), "direction": "ingress", "protocol": "tcpx"]], admin)
        },
        Case(name: "rule with reversed ports", status: 400, type: "SecurityGroupInvalidPortRange") { c, f in
            _ = try await c.createRule(["security_group_rule": ["security_group_id": .string(f.group), "direction": "ingress", "protocol": "tcp",
                                                                "port_range_min": 90, "port_range_max": 80]], admin)
        },
        Case(name: "duplicate rule", status: 409, type: "SecurityGroupRuleExists") { c, f in
            _ = try await c.createRule(["security_group_rule": ["security_group_id": .string(f.group), "direction": "egress", "ethertype": "IPv4"]], admin)
        },
        Case(name: "flat network on unknown physnet", status: 400, type: "InvalidInput") { c, _ in
            _ = try await c.createNetwork(["network": ["provider:network_type": "flat", "provider:physical_network": "nope"]], admin)
        },
        Case(name: "member asking for provider attributes", status: 403, type: "PolicyNotAuthorized") { c, _ in
            _ = try await c.createNetwork(["network": ["provider:network_type": "geneve", "provider:segmentation_id": 77]], TestNetworking.member("p1"))
        },
        Case(name: "member reading another project's port", status: 404, type: "PortNotFound") { c, f in
            _ = try await c.showPort(f.port, TestNetworking.member("p1"))
        },
    ]

    @Test(arguments: cases) func refusedWithNothingWritten(_ c: Case) async throws {
        let t = try await TestNetworking()
        let (network, subnet) = try await t.networkWithSubnet("bad")
        let port = try await t.core.createPort(["port": ["network_id": .string(network)]], Self.admin)
        let full = try await t.core.createNetwork(["network": ["name": "full"]], Self.admin)["id"]!.string!
        _ = try await t.core.createSubnet(["subnet": ["network_id": .string(full), "ip_version": 4, "cidr": "10.5.0.0/29",
                                                                   "allocation_pools": [["start": "10.5.0.2", "end": "10.5.0.3"]]]], Self.admin)
        _ = try await t.core.createPort(["port": ["network_id": .string(full)]], Self.admin)
        let group = try await t.core.createGroup(["security_group": ["name": "g"]], Self.admin)["id"]!.string!
        _ = try await t.core.updatePort(port["id"]!.string!, ["port": ["security_groups": [.string(group)]]], Self.admin)
        let fixture = Fixture(network: network, subnet: subnet, port: port["id"]!.string!,
                              portIP: port["fixed_ips"]!.array![0]["ip_address"]!.string!, fullNetwork: full, group: group)
        let nbBefore = t.northbound()
        let apiBefore = await (t.core.listNetworks(Self.admin), t.core.listSubnets(Self.admin), t.core.listPorts(Self.admin), t.core.listRules(Self.admin))

        do {
            try await c.call(t.core, fixture)
            Issue.record("\(c.name): accepted")
        } catch let error as APIError {
            #expect(error.status == c.status, "\(c.name): \(error.message)")
            #expect(error.type == c.type, "\(c.name): \(error.message)")
        }
        let apiAfter = await (t.core.listNetworks(Self.admin), t.core.listSubnets(Self.admin), t.core.listPorts(Self.admin), t.core.listRules(Self.admin))
        #expect(apiAfter.0.count == apiBefore.0.count && apiAfter.1 == apiBefore.1 && apiAfter.2.count == apiBefore.2.count && apiAfter.3.count == apiBefore.3.count)
        try await t.restart()
        #expect(t.northbound() == nbBefore)
        await t.destroy()
    }
}

/// Numbers a fuzzer sent: each is Neutron's 400 naming the field, never a trap, and the service keeps working.
@Suite struct NetworkBadNumberTests {
    static let admin = TestNetworking.admin

    static func rule(_ group: String, _ members: String) throws -> JSONObject {
        let text = #"{"security_group_rule": {"security_group_id": "\#(group)", "direction": "ingress", \#(members)}}"#
        return try #require(try JSONParser.parse(text).object)
    }

    @Test func hugeAndFractionalNumbersAreRefused() async throws {
        let t = try await TestNetworking()
        let group = try await t.core.createGroup(["security_group": ["name": "g"]], Self.admin)["id"]!.string!
        let rulesBefore = await t.core.listRules(Self.admin).count
        let cases: [(members: String, field: String, value: String?)] = [
            (#""protocol": 18446744073709551616"#, "protocol", "18446744073709551616"),
            (#""protocol": -18446744073709551616"#, "protocol", "-18446744073709551616"),
            (#""protocol": 6.5"#, "protocol", "6.5"),
            (#""protocol": "tcp", "port_range_min": 1e300, "port_range_max": 80"#, "port_range_min", nil),
            (#""protocol": "tcp", "port_range_min": -0.5"#, "port_range_min", "-0.5"),
            (#""protocol": "tcp", "port_range_min": 22, "port_range_max": 9223372036854775808"#, "port_range_max", "9223372036854775808"),
        ]
        for c in cases {
            do {
                _ = try await t.core.createRule(try Self.rule(group, c.members), Self.admin)
                Issue.record("\(c.members): accepted")
            } catch let error as APIError {
                #expect(error.status == 400 && error.type == "InvalidInput", "\(c.members): \(error.message)")
                #expect(error.message.contains("Invalid input for \(c.field). Reason: '\(c.value ?? "")"), "\(error.message)")
                #expect(error.message.contains("' is not an integer"), "\(error.message)")
            }
        }
        // 1e400 is not a finite number: the body is not JSON (the HTTP layer answers 400 malformed).
        #expect(throws: JSONParseError.self) { try Self.rule(group, #""protocol": 1e400"#) }
        // A DHCP option's ip_version too.
        let (network, _) = try await t.networkWithSubnet("n")
        let port = try #require(try JSONParser.parse(#"{"port": {"network_id": "\#(network)", "extra_dhcp_opts": [{"opt_name": "mtu", "opt_value": "1400", "ip_version": 1e19}]}}"#).object)
        await #expect(throws: APIError.self) { _ = try await t.core.createPort(port, Self.admin) }
        #expect(await t.core.listRules(Self.admin).count == rulesBefore)
        // Still serving: integral numbers, also written as 22.0, are accepted.
        let ok = try await t.core.createRule(try Self.rule(group, #""protocol": 6, "port_range_min": 22.0, "port_range_max": 22"#), Self.admin)
        #expect(ok["protocol"] == "6" && ok["port_range_min"] == 22)
        #expect(await t.core.listRules(Self.admin).count == rulesBefore + 1)
        await t.destroy()
    }
}
