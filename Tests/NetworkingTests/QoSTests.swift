import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// QoS as ML2/OVN's QoS extension writes it: per port with a policy (its own, else its network's) and direction, one
/// QoS row of the switch at priority 2002 — `inport == "<port>"` from-lport with the egress limit and DSCP mark,
/// `outport` to-lport with the ingress limit; Neutron's admin-only policies, checks and errors.
@Suite struct QoSTests {
    static func rows(_ nb: Replica, port: String) -> [Row] {
        nb.rows(NB.QoS.table).filter { $0["external_ids"]?.stringMap["neutron:port_id"] == port }
    }

    static func map(_ value: OVSDBValue?) -> [String: Int] {
        guard case .map(let m)? = value else { return [:] }
        var out: [String: Int] = [:]
        for (k, v) in m { if case .string(let key) = k, case .integer(let i) = v { out[key] = i } }
        return out
    }

    @Test func policiesBecomeQoSRows() async throws {
        let t = try await TestNetworking.start()
        let policy = try await t.create("qos/policies", ["name": "gold", "shared": true])
        let policyID = try #require(policy["id"]?.string)
        let base = "/v2.0/qos/policies/\(policyID)"
        var r = try await t.client.post(base + "/bandwidth_limit_rules", token: t.admin, json: ["bandwidth_limit_rule": ["max_kbps": 10000, "max_burst_kbps": 8000]])
        #expect(r.status == 201 && r.json["bandwidth_limit_rule"]?["direction"]?.string == "egress", "\(r)")
        r = try await t.client.post(base + "/bandwidth_limit_rules", token: t.admin, json: ["bandwidth_limit_rule": ["max_kbps": 5000, "direction": "ingress"]])
        #expect(r.status == 201, "\(r)")
        r = try await t.client.post(base + "/dscp_marking_rules", token: t.admin, json: ["dscp_marking_rule": ["dscp_mark": 14]])
        let dscpID = try #require(r.json["dscp_marking_rule"]?["id"]?.string, "\(r)")
        #expect(try await t.show("qos/policies", policyID)["rules"]?.array?.count == 3)

        // On a network: its VM ports get rows, its own ports (metadata) none.
        let (net, _) = try await t.networkWithSubnet("q", cidr: "10.90.0.0/24")
        let withPolicy = try await t.update("networks", net, ["qos_policy_id": .string(policyID)])
        #expect(withPolicy["qos_policy_id"]?.string == policyID, "\(withPolicy)")
        let vm = try await t.create("ports", ["network_id": .string(net), "device_owner": "compute:nova", "device_id": "vm-1"])["id"]!.string!
        try await t.waitNB { nb in
            let rows = Self.rows(nb, port: vm)
            guard let egress = rows.first(where: { $0["direction"]?.string == "from-lport" }),
                  let ingress = rows.first(where: { $0["direction"]?.string == "to-lport" }) else { return false }
            return rows.count == 2 && nb.rows(NB.QoS.table).count == 2
                && egress["match"]?.string == "inport == \"\(vm)\"" && egress["priority"]?.integer == 2002
                && Self.map(egress["bandwidth"]) == ["rate": 10000, "burst": 8000] && Self.map(egress["action"]) == ["dscp": 14]
                && ingress["match"]?.string == "outport == \"\(vm)\"" && Self.map(ingress["bandwidth"]) == ["rate": 5000]
        }

        // A rule change rewrites the rows; the port's own "no rules" policy wins over the network's.
        let remarked = try await t.client.put(base + "/dscp_marking_rules/\(dscpID)", token: t.admin, json: ["dscp_marking_rule": ["dscp_mark": 26]])
        #expect(remarked.json["dscp_marking_rule"]?["dscp_mark"]?.int == 26, "\(remarked)")
        try await t.waitNB { nb in Self.rows(nb, port: vm).contains { Self.map($0["action"]) == ["dscp": 26] } }
        let empty = try await t.create("qos/policies", ["name": "none"])["id"]!.string!
        let updated = try await t.update("ports", vm, ["qos_policy_id": .string(empty)])
        #expect(updated["qos_policy_id"]?.string == empty, "\(updated)")
        try await t.waitNB { nb in Self.rows(nb, port: vm).isEmpty }

        // In use, a policy stays; members may neither make nor change policies; bad rules are refused.
        let inUse = try await t.client.delete(base, token: t.admin)
        #expect(inUse.status == 409 && inUse.neutronType == "QosPolicyInUse", "\(inUse)")
        let member = try await t.member("qos-member")
        #expect(try await t.client.post("/v2.0/qos/policies", token: member.token, json: ["policy": ["name": "x"]]).status == 403)
        #expect(try await t.show("qos/policies", policyID, token: member.token)["shared"]?.bool == true)
        for (path, body, status, type) in [
            ("/dscp_marking_rules", ["dscp_marking_rule": ["dscp_mark": 13]] as JSONObject, 400, "InvalidInput"),
            ("/bandwidth_limit_rules", ["bandwidth_limit_rule": ["max_kbps": 1, "direction": "sideways"]], 400, "InvalidInput"),
            ("/bandwidth_limit_rules", ["bandwidth_limit_rule": ["max_kbps": 1]], 409, "QoSRulesConflict"),
            ("/bandwidth_limit_rules", ["bandwidth_limit_rule": ["max_burst_kbps": 1, "direction": "ingress"]], 400, "HTTPBadRequest"),
        ] as [(String, JSONObject, Int, String)] {
            let bad = try await t.client.post(base + path, token: t.admin, json: .object(body))
            #expect(bad.status == status && bad.neutronType == type, "\(body): \(bad)")
        }
        let missing = try await t.client.put("/v2.0/ports/\(vm)", token: t.admin, json: ["port": ["qos_policy_id": .string(UUID().uuidString.lowercased())]])
        #expect(missing.status == 404 && missing.neutronType == "QosPolicyNotFound", "\(missing)")
        let types = try await t.client.get("/v2.0/qos/rule-types", token: t.admin)
        #expect(Set(types.json["rule_types"]?.array?.compactMap { $0["type"]?.string } ?? []) == ["bandwidth_limit", "dscp_marking"], "\(types)")

        // Kept across a restart; a port back to the network's policy gets its rows again.
        try await t.restart()
        try await t.update("ports", vm, ["qos_policy_id": .null])
        try await t.waitNB { nb in Self.rows(nb, port: vm).count == 2 }
        await t.destroy()
    }
}

extension QoSTests {
    @Test func sharedPoliciesStayWhileProjectsUseThem() async throws {
        let t = try await TestNetworking.start()
        let member = try await t.member("qos-user")
        let policy = try await t.create("qos/policies", ["name": "p"])["id"]!.string!
        let rbac = try await t.create("rbac-policies", ["object_type": "qos_policy", "object_id": .string(policy), "action": "access_as_shared",
                                                        "target_tenant": .string(member.projectID)])["id"]!.string!
        #expect(try await t.show("qos/policies", policy, token: member.token)["shared"]?.bool == true)
        let net = try await t.create("networks", ["name": "n", "qos_policy_id": .string(policy)], token: member.token)
        #expect(net["qos_policy_id"]?.string == policy, "\(net)")
        let refused = try await t.client.delete("/v2.0/rbac-policies/\(rbac)", token: t.admin)
        #expect(refused.status == 409 && refused.neutronType == "RbacPolicyInUse", "\(refused)")
        // The owner's own network keeps `*` too.
        try await t.update("qos/policies", policy, ["shared": true])
        try await t.create("networks", ["name": "own", "qos_policy_id": .string(policy)])
        let unshare = try await t.client.put("/v2.0/qos/policies/\(policy)", token: t.admin, json: ["policy": ["shared": false]])
        #expect(unshare.status == 409, "\(unshare)")
        await t.destroy()
    }
}
