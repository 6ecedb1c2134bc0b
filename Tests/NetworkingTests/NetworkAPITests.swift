import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// The Networking API as a client sees it: version documents, bulk create, `fields`, paging links, tags and
/// Neutron's error bodies.
@Suite struct NetworkAPITests {
    @Test func versionsAndExtensionsNeedNoToken() async throws {
        let t = try await TestNetworking.start()
        let root = try await t.client.get("/")
        #expect(root.status == 200)
        #expect(root.json["versions"]?.array?.first?["links"]?.array?.first?["href"]?.string == t.client.baseURL + "/v2.0/")
        #expect(try await t.client.get("/v2.0").json["resources"]?.array?.count == 7)
        let extensions = try await t.client.get("/v2.0/extensions", token: t.admin)
        #expect(extensions.json["extensions"]?.array?.contains { $0["alias"] == "router" } == true)
        let unknown = try await t.client.get("/v2.0/extensions/nope", token: t.admin)
        #expect(unknown.status == 404 && unknown.neutronType == "HTTPNotFound")
        await t.destroy()
    }

    @Test func bulkCreateFieldsAndPagingLinks() async throws {
        let t = try await TestNetworking.start()
        let bulk = try await t.client.post("/v2.0/networks", token: t.admin, json: ["networks": [["name": "b1"], ["name": "b2"], ["name": "b3"]]])
        #expect(bulk.status == 201)
        let created = bulk.json["networks"]?.array?.compactMap { $0["name"]?.string }
        #expect(created == ["b1", "b2", "b3"])
        let ids = bulk.json["networks"]?.array?.compactMap { $0["id"]?.string } ?? []
        #expect(Set(try await t.list("networks").compactMap { $0["id"]?.string }) == Set(ids))

        // `fields` on lists and on one resource.
        let projected = try await t.list("networks", "fields=name&name=b2")
        #expect(projected.count == 1 && Set(projected[0].keys) == ["name"], "\(projected)")  // Neutron adds no id unasked
        let shown = try await t.client.get("/v2.0/networks/\(ids[0])?fields=status&fields=mtu", token: t.admin)
        #expect(shown.json["network"]?.object.map { Set($0.keys) } == ["status", "mtu"])

        // Pages of one, linked by `networks_links`, each network once; the previous link of page two goes back to page one.
        var seen: [String] = []
        var path = "/v2.0/networks?limit=1"
        var previous: String?
        while seen.count < 5 {
            let page = try await t.client.get(path, token: t.admin)
            #expect(page.status == 200, "\(page)")
            seen += page.json["networks"]?.array?.compactMap { $0["id"]?.string } ?? []
            let links = page.json["networks_links"]?.array ?? []
            if seen.count == 2 { previous = links.first { $0["rel"] == "previous" }?["href"]?.string }
            guard let next = links.first(where: { $0["rel"] == "next" })?["href"]?.string else { break }
            #expect(next.hasPrefix(t.client.baseURL + "/v2.0/networks?limit=1&marker="))
            path = String(next.dropFirst(t.client.baseURL.count))
        }
        #expect(seen.count == 3 && Set(seen) == Set(ids))
        let back = try await t.client.get(String(try #require(previous).dropFirst(t.client.baseURL.count)), token: t.admin)
        #expect(back.json["networks"]?.array?.compactMap { $0["id"]?.string } == [seen[0]])
        await t.destroy()
    }

    @Test func tagsRoundTrip() async throws {
        let t = try await TestNetworking.start()
        let id = try await t.create("networks", ["name": "tagged"])["id"]!.string!
        #expect(try await t.client.put("/v2.0/networks/\(id)/tags/red", token: t.admin).status == 201)
        #expect(try await t.client.put("/v2.0/networks/\(id)/tags", token: t.admin, json: ["tags": ["blue", "red", "blue"]]).json == ["tags": ["blue", "red"]])
        #expect(try await t.client.get("/v2.0/networks/\(id)/tags/blue", token: t.admin).status == 204)
        #expect(try await t.list("networks", "tags-any=red,green").count == 1)
        #expect(try await t.list("networks", "not-tags=red").isEmpty)
        let missing = try await t.client.delete("/v2.0/networks/\(id)/tags/green", token: t.admin)
        #expect(missing.status == 404 && missing.neutronType == "TagNotFound")
        await t.destroy()
    }

    @Test func errorsAnswerInNeutronsShape() async throws {
        let t = try await TestNetworking.start()
        let unknown = try await t.client.get("/v2.0/networks/0b5c7d3e-0000-0000-0000-000000000000", token: t.admin)
        #expect(unknown.status == 404)
        #expect(unknown.json == ["NeutronError": ["type": "NetworkNotFound", "message": "Network 0b5c7d3e-0000-0000-0000-000000000000 could not be found.", "detail": ""]])
        #expect(unknown.header("x-openstack-request-id")?.hasPrefix("req-") == true)
        let noToken = try await t.client.get("/v2.0/networks")
        #expect(noToken.status == 401 && noToken.json["NeutronError"] != nil)
        let badToken = try await t.client.get("/v2.0/networks", token: "garbage")
        #expect(badToken.status == 401)
        let noRoute = try await t.client.get("/v2.0/nowhere", token: t.admin)
        #expect(noRoute.status == 404 && noRoute.json["NeutronError"] != nil)
        let malformed = try await t.client.send("POST", "/v2.0/networks", token: t.admin, body: Array("{not json".utf8))
        #expect(malformed.status == 400 && malformed.neutronType == "HTTPBadRequest")
        await t.destroy()
    }
}
