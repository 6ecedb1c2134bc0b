import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// `dns-integration` as Neutron and ML2/OVN do it without an external DNS service: `dns_assignment` from the
/// configured `dns_domain`, and each network's NB `DNS` row (referenced by its switch) with its ports' names.
@Suite struct DNSTests {
    static func dnsRow(_ nb: Replica, network: String) -> Row? {
        nb.rows(NB.DNS.table).first { $0["external_ids"]?.stringMap["ls_name"] == "neutron-\(network)" }
    }

    static func referenced(_ nb: Replica, network: String) -> Bool {
        guard let row = dnsRow(nb, network: network),
              let sw = nb.rows(NB.LogicalSwitch.table).first(where: { $0["name"]?.string == "neutron-\(network)" }) else { return false }
        return sw["dns_records"]?.uuids == [row.uuid]
    }

    @Test func namesWithAConfiguredDomain() async throws {
        let t = try await TestNetworking.start(dnsDomain: "example.org.")
        let net = try await t.create("networks", ["name": "n", "dns_domain": "project.example.net."])
        let netID = net["id"]!.string!
        #expect(net["dns_domain"]?.string == "project.example.net.", "\(net)")
        _ = try await t.create("subnets", ["network_id": .string(netID), "ip_version": 4, "cidr": "10.5.0.0/24"])
        let vm = try await t.create("ports", ["network_id": .string(netID), "dns_name": "VM1", "device_id": "server-1", "device_owner": "compute:nova",
                                              "fixed_ips": [["ip_address": "10.5.0.7"]]])
        let id = vm["id"]!.string!
        #expect(vm["dns_name"]?.string == "vm1", "kept in lowercase: \(vm)")
        let assignment = vm["dns_assignment"]?.array?.first
        #expect(assignment?["hostname"]?.string == "vm1" && assignment?["fqdn"]?.string == "vm1.example.org." && assignment?["ip_address"]?.string == "10.5.0.7",
                "\(vm)")
        try await t.waitNB { nb in
            Self.referenced(nb, network: netID) && Self.dnsRow(nb, network: netID)?["records"]?.stringMap == [
                "vm1": "10.5.0.7", "vm1.example.org": "10.5.0.7", "vm1.project.example.net": "10.5.0.7", "7.0.5.10.in-addr.arpa": "vm1.example.org",
            ]
        }
        // The DHCP domain is the configured one.
        try await t.waitNB { nb in
            nb.rows(NB.DHCPOptions.table).first?["options"]?.stringMap["domain_name"] == "\"example.org.\""
        }
        // A port without a device gets no records; a renamed port moves its records; no name, no row.
        _ = try await t.create("ports", ["network_id": .string(netID), "dns_name": "spare"])
        try await t.update("ports", id, ["dns_name": "web"])
        try await t.waitNB { nb in
            let r = Self.dnsRow(nb, network: netID)?["records"]?.stringMap ?? [:]
            return r["web"] == "10.5.0.7" && r["vm1"] == nil && r["spare"] == nil && r["7.0.5.10.in-addr.arpa"] == "web.example.org"
        }
        try await t.update("ports", id, ["dns_name": ""])
        try await t.waitNB { nb in Self.dnsRow(nb, network: netID) == nil && nb.rows(NB.DNS.table).isEmpty }
        try await t.update("ports", id, ["dns_name": "db"])
        try await t.waitNB { nb in Self.referenced(nb, network: netID) }
        // Bad names and domains: Neutron's 400, nothing changed.
        for body: JSONObject in [["dns_name": "-bad"], ["dns_name": "a..b"], ["dns_name": "db.1234"], ["dns_name": "db.other.org."],
                                 ["dns_name": .string(String(repeating: "a", count: 64))], ["dns_domain": "no-dot"]] {
            let r = try await t.client.put("/v2.0/ports/\(id)", token: t.admin, json: ["port": .object(body)])
            #expect(r.status == 400, "\(body): \(r)")
        }
        #expect(try await t.client.put("/v2.0/networks/\(netID)", token: t.admin, json: ["network": ["dns_domain": "bad domain."]]).status == 400)
        #expect(try await t.show("ports", id)["dns_name"]?.string == "db")
        // Deleting the network removes its DNS row; nothing to repair after a restart.
        try await t.restart()
        try await t.waitNB { nb in Self.dnsRow(nb, network: netID)?["records"]?.stringMap["db"] == "10.5.0.7" }
        #expect(try await t.client.delete("/v2.0/ports/\(id)", token: t.admin).status == 204)
        try await t.waitNB { nb in nb.rows(NB.DNS.table).isEmpty }
        await t.destroy()
    }

    @Test func theDefaultDomainNamesAddressesByIP() async throws {
        let t = try await TestNetworking.start()
        let (net, _) = try await t.networkWithSubnet("n", cidr: "10.6.0.0/24")
        let port = try await t.create("ports", ["network_id": .string(net), "dns_name": "vm1", "device_id": "server-1",
                                                "fixed_ips": [["ip_address": "10.6.0.9"]]])
        // With Neutron's default domain the name is checked but not kept (Zed's dns_integration), the addresses go by
        // host-<ip>, and ML2/OVN writes no records.
        let a = port["dns_assignment"]?.array?.first
        #expect(port["dns_name"]?.string == "" && a?["hostname"]?.string == "host-10-6-0-9" && a?["fqdn"]?.string == "host-10-6-0-9.openstacklocal.",
                "\(port)")
        let bad = try await t.client.put("/v2.0/ports/\(port["id"]!.string!)", token: t.admin, json: ["port": ["dns_name": "-x"]])
        #expect(bad.status == 400, "\(bad)")
        try await t.waitNB { nb in nb.rows(NB.LogicalSwitchPort.table).contains { $0["name"]?.string == port["id"]?.string } }
        #expect(t.northbound().keys.allSatisfy { !$0.hasPrefix("DNS ") })
        let subnet = try await t.list("subnets", "network_id=\(net)").first
        #expect(subnet?["dns_publish_fixed_ip"]?.bool == false, "\(String(describing: subnet))")
        await t.destroy()
    }

    @Test func domainsTakeKeywordsAndAreLowercased() async throws {
        let t = try await TestNetworking.start(dnsDomain: "example.org.")
        // `dns-integration-domain-keywords`: a label may be a keyword; ML2/OVN writes the domain as it is.
        let keyed = try await t.create("networks", ["name": "k", "dns_domain": "<Project_ID>.Example.NET."])
        #expect(keyed["dns_domain"]?.string == "<project_id>.example.net.", "\(keyed)")
        for bad in ["<tenant_id>.example.net.", "a<project_id>.example.net.", "-a.example.net.", "a..b."] {
            let r = try await t.client.post("/v2.0/networks", token: t.admin, json: ["network": ["name": "x", "dns_domain": .string(bad)]])
            #expect(r.status == 400 && r.neutronType == "HTTPBadRequest", "\(bad): \(r)")
        }
        #expect(try await t.list("networks", "name=x").isEmpty)
        await t.destroy()
    }
}
