import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// Address groups as ML2/OVN keeps them: one Address_Set per IP version (`ag_<id>_ip4`/`_ip6`), the ACL of a rule
/// naming the group matching `$ag_<id>_ip4`; Neutron's normalising, errors and in-use check.
@Suite struct AddressGroupTests {
    static func addressSet(_ nb: Replica, _ name: String) -> Row? {
        nb.rows(NB.AddressSet.table).first { $0["name"]?.string == name }
    }

    static func setName(_ id: String, _ version: Int) -> String { "ag_\(id.replacingOccurrences(of: "-", with: "_"))_ip\(version)" }

    @Test func addressSetsFollowTheGroup() async throws {
        let t = try await TestNetworking.start()
        let group = try await t.create("address-groups", ["name": "ag", "description": "d",
                                                          "addresses": ["10.10.10.3/32", "192.168.0.10/24", "2001:db8::f00/64"]])
        let id = try #require(group["id"]?.string)
        #expect(group["addresses"]?.array?.compactMap(\.string) == ["10.10.10.3/32", "192.168.0.0/24", "2001:db8::/64"], "\(group)")
        #expect(group["description"]?.string == "d" && group["revision_number"]?.int == 0 && group["project_id"]?.string != nil, "\(group)")
        try await t.waitNB { nb in
            Self.addressSet(nb, Self.setName(id, 4))?["addresses"]?.strings.sorted() == ["10.10.10.3/32", "192.168.0.0/24"]
                && Self.addressSet(nb, Self.setName(id, 6))?["addresses"]?.strings == ["2001:db8::/64"]
                && Self.addressSet(nb, Self.setName(id, 4))?["external_ids"]?.stringMap["neutron:address_group_id"] == id
        }

        // A rule naming the group matches its Address_Set; a second remote is refused.
        let sg = try await t.create("security-groups", ["name": "sg"])["id"]!.string!
        let rule = try await t.create("security-group-rules", ["security_group_id": .string(sg), "direction": "ingress", "ethertype": "IPv4",
                                                               "protocol": "tcp", "remote_address_group_id": .string(id)])
        #expect(rule["remote_address_group_id"]?.string == id && rule["remote_group_id"]?.isNull == true, "\(rule)")
        let ruleID = try #require(rule["id"]?.string)
        let both = try await t.client.post("/v2.0/security-group-rules", token: t.admin, json: ["security_group_rule": [
            "security_group_id": .string(sg), "direction": "ingress", "remote_ip_prefix": "10.0.0.0/8", "remote_address_group_id": .string(id)]])
        #expect(both.status == 400 && both.neutronType == "SecurityGroupMultipleRemoteEntites", "\(both)")
        try await t.waitNB { nb in
            nb.rows(NB.ACL.table).contains {
                $0["external_ids"]?.stringMap["neutron:security_group_rule_id"] == ruleID
                    && $0["match"]?.string == "outport == @pg_\(sg.replacingOccurrences(of: "-", with: "_")) && ip4 && ip4.src == $\(Self.setName(id, 4)) && tcp"
            }
        }

        // The actions: bare addresses are host routes; all or nothing.
        let added = try await t.client.put("/v2.0/address-groups/\(id)/add_addresses", token: t.admin, json: ["addresses": ["10.20.30.40", "2001:db8:1::1"]])
        #expect(added.status == 200 && added.json["address_group"]?["revision_number"]?.int == 1, "\(added)")
        let again = try await t.client.put("/v2.0/address-groups/\(id)/add_addresses", token: t.admin, json: ["addresses": ["10.20.30.40/32", "10.0.0.0/8"]])
        #expect(again.status == 400 && again.neutronType == "AddressesAlreadyExist"
                && again.json["NeutronError"]?["message"]?.string == "Addresses ['10.20.30.40/32'] already exist in the address group \(id).", "\(again)")
        try await t.waitNB { nb in
            Self.addressSet(nb, Self.setName(id, 4))?["addresses"]?.strings.sorted() == ["10.10.10.3/32", "10.20.30.40/32", "192.168.0.0/24"]
                && Self.addressSet(nb, Self.setName(id, 6))?["addresses"]?.strings.sorted() == ["2001:db8:1::1/128", "2001:db8::/64"]
        }
        let missing = try await t.client.put("/v2.0/address-groups/\(id)/remove_addresses", token: t.admin, json: ["addresses": ["10.10.10.3/32", "10.200.200.200"]])
        #expect(missing.status == 404 && missing.neutronType == "AddressesNotFound", "\(missing)")
        let removed = try await t.client.put("/v2.0/address-groups/\(id)/remove_addresses", token: t.admin, json: ["addresses": ["192.168.0.0/24"]])
        #expect(removed.json["address_group"]?["addresses"]?.array?.compactMap(\.string) == ["10.10.10.3/32", "2001:db8::/64", "10.20.30.40/32", "2001:db8:1::1/128"], "\(removed)")
        try await t.waitNB { nb in
            Self.addressSet(nb, Self.setName(id, 4))?["addresses"]?.strings.sorted() == ["10.10.10.3/32", "10.20.30.40/32"]
        }

        // In use by a rule: 409; after the rule goes, the group and both sets go. Nothing to repair after a restart.
        let busy = try await t.client.delete("/v2.0/address-groups/\(id)", token: t.admin)
        #expect(busy.status == 409 && busy.neutronType == "AddressGroupInUse", "\(busy)")
        try await t.restart()
        #expect(try await t.show("address-groups", id)["addresses"]?.array?.count == 4, "kept across a restart")
        #expect(try await t.client.delete("/v2.0/security-group-rules/\(ruleID)", token: t.admin).status == 204)
        #expect(try await t.client.delete("/v2.0/address-groups/\(id)", token: t.admin).status == 204)
        try await t.waitNB { nb in nb.rows(NB.AddressSet.table).isEmpty }
        #expect(try await t.client.get("/v2.0/address-groups/\(id)", token: t.admin).neutronType == "AddressGroupNotFound")
        await t.destroy()
    }

    @Test func badInputLeavesNothingBehind() async throws {
        let t = try await TestNetworking.start()
        for (addresses, reason) in [(["10.20.30.40"], "isn't a recommended CIDR, use '10.20.30.40/32' instead"),
                                    (["this is bad IP address"], "is not a valid IP subnet")] {
            let r = try await t.client.post("/v2.0/address-groups", token: t.admin, json: ["address_group": ["addresses": .array(addresses.map(JSON.string))]])
            #expect(r.status == 400 && (r.json["NeutronError"]?["message"]?.string ?? "").contains(reason), "\(r)")
        }
        for body: JSON in [["address_group": ["colour": "red"]], ["address_group": ["addresses": "10.0.0.0/8"]], ["address_group": ["addresses": [1]]]] {
            #expect(try await t.client.post("/v2.0/address-groups", token: t.admin, json: body).status == 400, "\(body)")
        }
        let id = try await t.create("address-groups", ["addresses": .null])["id"]!.string!
        for body: JSON in [["addresses": ["nope"]], ["addresses": "10.0.0.0/8"], [:], ["addresses": [], "x": 1]] {
            #expect(try await t.client.put("/v2.0/address-groups/\(id)/add_addresses", token: t.admin, json: body).status == 400, "\(body)")
        }
        #expect(try await t.client.put("/v2.0/address-groups/\(id)", token: t.admin, json: ["address_group": ["addresses": ["10.0.0.0/8"]]]).status == 400)
        // Another project's group is not found, for its rules too.
        let member = try await t.member("other")
        #expect(try await t.client.get("/v2.0/address-groups/\(id)", token: member.token).status == 404)
        #expect(try await t.list("address-groups", token: member.token).isEmpty)
        let sg = try await t.create("security-groups", ["name": "sg"], token: member.token)["id"]!.string!
        let rule = try await t.client.post("/v2.0/security-group-rules", token: member.token, json: ["security_group_rule": [
            "security_group_id": .string(sg), "direction": "ingress", "remote_address_group_id": .string(id)]])
        #expect(rule.status == 404 && rule.neutronType == "AddressGroupNotFound", "\(rule)")
        #expect(try await t.show("address-groups", id)["addresses"]?.array?.isEmpty == true)
        await t.destroy()
    }
}
