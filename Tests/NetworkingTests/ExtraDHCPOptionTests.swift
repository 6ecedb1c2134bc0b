import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// `extra_dhcp_opts` as ML2/OVN writes them: a port with options gets its own DHCP_Options row (the subnet's options
/// plus its own, `port_id`/`subnet_id` in external_ids) that its LSP points at, kept in step with the subnet and network.
@Suite struct ExtraDHCPOptionTests {
    /// The port's own DHCP_Options rows.
    static func own(_ nb: Replica, _ port: String) -> [Row] {
        nb.rows(NB.DHCPOptions.table).filter { $0["external_ids"]?.stringMap["port_id"] == port }
    }

    /// The row the port's LSP points at, if any.
    static func served(_ nb: Replica, _ port: String) -> Row? {
        guard let lsp = nb.rows(NB.LogicalSwitchPort.table).first(where: { $0["name"]?.string == port }),
              let ref = lsp["dhcpv4_options"]?.uuids.first else { return nil }
        return nb.row(NB.DHCPOptions.table, ref)
    }

    @Test func aPortWithOptionsHasItsOwnRow() async throws {
        let t = try await TestNetworking.start()
        let (net, subnet) = try await t.networkWithSubnet("n", cidr: "10.8.0.0/24")
        let port = try await t.create("ports", ["network_id": .string(net), "extra_dhcp_opts": [
            ["opt_name": "bootfile-name", "opt_value": "pxelinux.0"], ["opt_name": "tftp-server", "opt_value": "192.0.2.1"],
            ["opt_name": "66", "opt_value": "192.0.2.9", "ip_version": 6], ["opt_name": "no-such-option", "opt_value": "x"],
        ]])
        let id = port["id"]!.string!
        try await t.waitNB { nb in
            guard let row = Self.own(nb, id).first, let served = Self.served(nb, id), served.uuid == row.uuid else { return false }
            let o = row["options"]?.stringMap ?? [:], ids = row["external_ids"]?.stringMap ?? [:]
            return o["bootfile_name"] == "\"pxelinux.0\"" && o["tftp_server"] == "\"192.0.2.1\"" && o["lease_time"] == "43200"
                && o["router"] == "10.8.0.1" && o["no-such-option"] == nil && ids["subnet_id"] == subnet && row["cidr"]?.string == "10.8.0.0/24"
                && Self.own(nb, id).count == 1
        }

        // An update merges by name: a null value removes the option, the others stay.
        let updated = try await t.update("ports", id, ["extra_dhcp_opts": [["opt_name": "bootfile-name", "opt_value": .null]]])
        let names = (updated["extra_dhcp_opts"]?.array ?? []).compactMap { $0["opt_name"]?.string }.sorted()
        #expect(names == ["66", "no-such-option", "tftp-server"])
        try await t.waitNB { nb in
            let o = Self.own(nb, id).first?["options"]?.stringMap ?? [:]
            return o["bootfile_name"] == nil && o["tftp_server"] == "\"192.0.2.1\""
        }

        // The network's MTU reaches the port's row too.
        try await t.update("networks", net, ["mtu": 1400])
        try await t.waitNB { nb in Self.own(nb, id).first?["options"]?.stringMap["mtu"] == "1400" }

        // dhcp_disabled turns OVN's DHCP off for the port.
        try await t.update("ports", id, ["extra_dhcp_opts": [["opt_name": "dhcp_disabled", "opt_value": "true"]]])
        try await t.waitNB { nb in Self.own(nb, id).isEmpty && Self.served(nb, id) == nil }

        // Without options of its own, the subnet's row serves it again; a deleted port leaves no row.
        try await t.update("ports", id, ["extra_dhcp_opts": [["opt_name": "dhcp_disabled", "opt_value": .null],
                                                             ["opt_name": "tftp-server", "opt_value": .null]]])
        try await t.waitNB { nb in
            Self.own(nb, id).isEmpty && Self.served(nb, id)?["external_ids"]?.stringMap == ["subnet_id": subnet,
                "neutron:revision_number": Self.served(nb, id)?["external_ids"]?.stringMap["neutron:revision_number"] ?? ""]
        }
        try await t.update("ports", id, ["extra_dhcp_opts": [["opt_name": "bootfile-name", "opt_value": "again"]]])
        try await t.waitNB { nb in Self.own(nb, id).count == 1 }
        #expect(try await t.client.delete("/v2.0/ports/\(id)", token: t.admin).status == 204)
        try await t.waitNB { nb in Self.own(nb, id).isEmpty }
        // Nothing is repaired afterwards: the Northbound already matches.
        try await t.restart()
        try await t.waitNB { nb in nb.rows(NB.DHCPOptions.table).count == 1 }
        await t.destroy()
    }
}
