import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import Testing

/// `binding-extended` as ML2 keeps a compute port's bindings: one ACTIVE (the port's, which `requested-chassis`
/// follows), INACTIVE ones per host waiting for activation; Nova's live-migration handshake end to end, and the
/// refusals with nothing changed.
@Suite struct PortBindingTests {
    static func lsp(_ nb: Replica, _ name: String) -> Row? {
        nb.rows(NB.LogicalSwitchPort.table).first { $0["name"]?.string == name }
    }

    static func options(_ nb: Replica, _ name: String) -> [String: String] {
        lsp(nb, name)?["options"]?.stringMap ?? [:]
    }

    @Test func liveMigrationHandshake() async throws {
        let t = try await TestNetworking.start()
        let (net, _) = try await t.networkWithSubnet("binding-net", cidr: "10.90.0.0/24")
        let port = try await t.create("ports", ["network_id": .string(net), "device_owner": "compute:nova", "binding:host_id": "src"])
        let id = try #require(port["id"]?.string), revision = try #require(port["revision_number"]?.int)
        let base = "/v2.0/ports/\(id)/bindings"

        let listed = try await t.client.get(base, token: t.admin)
        #expect(listed.status == 200 && listed.json["bindings"]?.array?.count == 1, "\(listed)")
        let active = try #require(listed.json["bindings"]?.array?.first)
        #expect(active["host"]?.string == "src" && active["status"]?.string == "ACTIVE" && active["vif_type"]?.string == "ovs"
                && active["vnic_type"]?.string == "normal" && active["profile"]?.object?.isEmpty == true, "\(active)")

        // Nova before the move: the source's profile names the destination (OVN binds the port on both chassis, the
        // destination's traffic held until the guest's RARP), and the destination gets an inactive binding.
        _ = try await t.update("ports", id, ["binding:profile": ["migrating_to": "dst"]])
        try await t.waitNB { nb in Self.options(nb, id)["requested-chassis"] == "src,dst" && Self.options(nb, id)["activation-strategy"] == "rarp" }
        let created = try await t.client.post(base, token: t.admin, json: ["binding": ["host": "dst", "profile": ["x": "y"]]])
        #expect(created.status == 201, "\(created)")
        let waiting = try #require(created.json["binding"]?.object)
        #expect(waiting["host"]?.string == "dst" && waiting["status"]?.string == "INACTIVE" && waiting["vif_type"]?.string == "ovs"
                && waiting["profile"]?["x"]?.string == "y" && waiting["vif_details"]?["port_filter"]?.bool == true, "\(waiting)")
        let afterCreate = try await t.show("ports", id)
        #expect(afterCreate["binding:host_id"]?.string == "src" && afterCreate["revision_number"]?.int == revision + 2,
                "a waiting binding leaves the port's binding as it is and revises the port: \(afterCreate)")
        let filtered = try await t.client.get(base + "?status=INACTIVE&fields=host", token: t.admin)
        #expect(filtered.json["bindings"]?.array?.map { $0.object?.keys.sorted() ?? [] } == [["host"]]
                && filtered.json["bindings"]?.array?.first?["host"]?.string == "dst", "\(filtered)")
        let shown = try await t.client.get(base + "/dst", token: t.admin)
        #expect(shown.status == 200 && shown.json["binding"]?["status"]?.string == "INACTIVE", "\(shown)")

        // After the move: the destination's binding becomes the port's; the source's waits, unbound, until deleted.
        let activated = try await t.client.put(base + "/dst/activate", token: t.admin, json: nil)
        #expect(activated.status == 200 && activated.json["binding"]?["status"]?.string == "ACTIVE"
                && activated.json["binding"]?["host"]?.string == "dst", "\(activated)")
        let moved = try await t.show("ports", id)
        #expect(moved["binding:host_id"]?.string == "dst" && moved["binding:profile"]?["x"]?.string == "y"
                && moved["binding:profile"]?["migrating_to"] == nil, "\(moved)")
        try await t.waitNB { nb in Self.options(nb, id)["requested-chassis"] == "dst" && Self.options(nb, id)["activation-strategy"] == nil }
        let both = try await t.client.get(base, token: t.admin).json["bindings"]?.array ?? []
        #expect(both.map { "\($0["host"]?.string ?? "?")=\($0["status"]?.string ?? "?")/\($0["vif_type"]?.string ?? "?")" }
                == ["dst=ACTIVE/ovs", "src=INACTIVE/unbound"], "\(both)")
        let again = try await t.client.put(base + "/dst/activate", token: t.admin, json: nil)
        #expect(again.status == 409 && again.neutronType == "PortBindingAlreadyActive", "\(again)")

        // An inactive binding is updated in place; the active one's update is the port's.
        let updated = try await t.client.put(base + "/src", token: t.admin, json: ["binding": ["profile": ["k": "v"]]])
        #expect(updated.status == 200 && updated.json["binding"]?["status"]?.string == "INACTIVE"
                && updated.json["binding"]?["profile"]?["k"]?.string == "v", "\(updated)")
        let activeUpdate = try await t.client.put(base + "/dst", token: t.admin, json: ["binding": ["profile": ["migrating_to": "src"]]])
        #expect(activeUpdate.status == 200 && activeUpdate.json["binding"]?["status"]?.string == "ACTIVE", "\(activeUpdate)")
        try await t.waitNB { nb in Self.options(nb, id)["requested-chassis"] == "dst,src" }

        // Kept across a restart; the source's binding goes.
        try await t.restart()
        #expect(try await t.client.get(base, token: t.admin).json["bindings"]?.array?.count == 2)
        #expect(try await t.client.delete(base + "/src", token: t.admin).status == 204)
        let left = try await t.client.get(base, token: t.admin).json["bindings"]?.array ?? []
        #expect(left.map { $0["host"]?.string } == ["dst"], "\(left)")
        #expect(try await t.client.get(base + "/src", token: t.admin).neutronType == "PortBindingNotFound")
        await t.destroy()
    }

    @Test func refusalsChangeNothing() async throws {
        let t = try await TestNetworking.start()
        let (net, _) = try await t.networkWithSubnet("binding-bad", cidr: "10.91.0.0/24")
        let id = try #require(try await t.create("ports", ["network_id": .string(net), "device_owner": "compute:nova", "binding:host_id": "h1"])["id"]?.string)
        let plain = try #require(try await t.create("ports", ["network_id": .string(net)])["id"]?.string)
        let base = "/v2.0/ports/\(id)/bindings"
        #expect(try await t.client.post(base, token: t.admin, json: ["binding": ["host": "h2"]]).status == 201)
        let before = try await t.show("ports", id)

        let cases: [(String, String, JSON?, Int, String)] = [
            ("POST", base, ["binding": ["host": "h2"]], 409, "PortBindingAlreadyExists"),
            ("POST", base, ["binding": ["host": "h1"]], 409, "PortBindingAlreadyExists"),
            ("POST", base, ["binding": ["vnic_type": "normal"]], 400, "HTTPBadRequest"),
            ("POST", base, ["binding": ["host": "h3", "vnic_type": "direct"]], 400, "InvalidInput"),
            ("POST", base, ["binding": ["host": "h3", "profile": "text"]], 400, "InvalidInput"),
            ("POST", base, ["binding": ["host": "h3", "profile": ["big": .string(String(repeating: "x", count: 5000))]]], 400, "InvalidInput"),
            ("POST", base, ["binding": ["host": "h3", "vif_type": "ovs"]], 400, "HTTPBadRequest"),
            ("POST", base, ["binding": ["host": 7]], 400, "InvalidInput"),
            ("POST", base, ["port": ["host": "h3"]], 400, "HTTPBadRequest"),
            ("POST", "/v2.0/ports/\(plain)/bindings", ["binding": ["host": "h3"]], 400, "BadRequest"),
            ("POST", "/v2.0/ports/\(UUID().uuidString.lowercased())/bindings", ["binding": ["host": "h3"]], 404, "PortNotFound"),
            ("PUT", base + "/h9/activate", nil, 404, "PortBindingNotFound"),
            ("PUT", base + "/h1/activate", nil, 409, "PortBindingAlreadyActive"),
            ("PUT", base + "/h2", ["binding": ["host": "h1"]], 409, "PortBindingAlreadyExists"),
            ("PUT", base + "/h2", ["binding": ["project_id": "p"]], 400, "HTTPBadRequest"),
            ("PUT", base + "/h9", ["binding": ["profile": [:]]], 404, "PortBindingNotFound"),
            ("DELETE", base + "/h9", nil, 404, "PortBindingNotFound"),
            ("GET", base + "?bogus=1", nil, 400, "HTTPBadRequest"),
            ("GET", "/v2.0/ports/\(plain)/bindings", nil, 400, "BadRequest"),
        ]
        for (method, path, body, status, type) in cases {
            let r = try await t.client.send(method, path, token: t.admin, json: body)
            #expect(r.status == status && r.neutronType == type, "\(method) \(path) \(String(describing: body)): \(r)")
        }
        // The port's binding moves only by activation while another binding holds the host.
        let moved = try await t.client.put("/v2.0/ports/\(id)", token: t.admin, json: ["port": ["binding:host_id": "h2"]])
        #expect(moved.status == 409 && moved.neutronType == "PortBindingAlreadyExists", "\(moved)")

        // Bindings are for admins and services; a port the caller cannot see is not found.
        let member = try await t.member("binding-member")
        let own = try #require(try await t.create("ports", ["network_id": .string(try await t.networkWithSubnet("m-net", cidr: "10.92.0.0/24", token: member.token).network),
                                                            "device_owner": "compute:nova"], token: member.token)["id"]?.string)
        let refused = try await t.client.post("/v2.0/ports/\(own)/bindings", token: member.token, json: ["binding": ["host": "h3"]])
        #expect(refused.status == 403 && refused.neutronType == "PolicyNotAuthorized", "\(refused)")
        #expect(try await t.client.get("/v2.0/ports/\(own)/bindings", token: member.token).status == 403)
        #expect(try await t.client.get(base, token: member.token).status == 404)

        let after = try await t.show("ports", id)
        #expect(after["revision_number"] == before["revision_number"] && after["binding:host_id"]?.string == "h1", "\(after)")
        let bindings = try await t.client.get(base, token: t.admin).json["bindings"]?.array ?? []
        #expect(bindings.map { $0["host"]?.string } == ["h1", "h2"], "\(bindings)")

        // Deleting the active binding unbinds the port.
        #expect(try await t.client.delete(base + "/h1", token: t.admin).status == 204)
        #expect(try await t.show("ports", id)["binding:host_id"]?.string == "")
        try await t.waitNB { nb in Self.options(nb, id)["requested-chassis"] == "" }
        await t.destroy()
    }
}
