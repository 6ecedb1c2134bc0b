import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// The shared HTTP conventions of every service, driven over HTTP through a tiny router.
@Suite struct ErrorBodyTests {
    @Test func eachStyleSpellsItsErrorBody() async throws {
        let keystone = try await RouterTestServer.with(TinyRouter.make(style: .keystone)) { try await $0.get("/public/fail/409") }
        #expect(keystone.status == 409)
        #expect(keystone.json == ["error": ["code": 409, "message": "failed on purpose", "title": "Conflict"]])
        #expect(keystone.header("Content-Type") == "application/json")

        let neutron = try await RouterTestServer.with(TinyRouter.make(style: .neutron)) { client in
            (try await client.get("/public/fail/404?type=NetworkNotFound"), try await client.get("/public/fail/400"))
        }
        #expect(neutron.0.json == ["NeutronError": ["type": "NetworkNotFound", "message": "failed on purpose", "detail": ""]])
        #expect(neutron.1.json["NeutronError"]?["type"] == "BadRequest")

        let nova = try await RouterTestServer.with(TinyRouter.make(style: .nova)) { client in
            (try await client.get("/public/fail/404"), try await client.get("/public/fail/409"), try await client.get("/public/fail/503"))
        }
        #expect(nova.0.json == ["itemNotFound": ["code": 404, "message": "failed on purpose"]])
        #expect(nova.1.json["conflictingRequest"]?["code"] == 409)
        #expect(nova.2.json["computeFault"]?["code"] == 503)
    }

    @Test func unknownRoutesAndUnexpectedErrorsAnswerInStyleNeverBare() async throws {
        try await RouterTestServer.with(TinyRouter.make(style: .keystone)) { client in
            let missing = try await client.get("/public/missing")
            #expect(missing.status == 404)
            #expect(missing.json["error"]?["message"] == "The resource could not be found.")
            let unexpected = try await client.get("/public/unexpected")
            #expect(unexpected.status == 500)
            #expect(unexpected.json["error"]?["message"]?.string?.hasPrefix("An unexpected error") == true)
            #expect(!unexpected.text.contains("Unexpected()"), "no internals in the body")
        }
    }

    @Test func malformedAndOversizedBodiesAre4xx() async throws {
        try await RouterTestServer.with(TinyRouter.make(style: .keystone)) { client in
            for body in ["{not json", "", "[1,2]", "{\"a\": 1} trailing", "\"text\"", String(repeating: "[", count: 10_000)] {
                let r = try await client.send("POST", "/public/echo", body: Array(body.utf8))
                #expect(r.status == 400, "\(body.prefix(20))")
                #expect(r.json["error"]?["message"]?.string?.hasPrefix("Expecting to find valid JSON in request body.") == true)
            }
            let invalidUTF8 = try await client.send("POST", "/public/echo", body: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D])
            #expect(invalidUTF8.status == 400)
            let big = try await client.send("POST", "/public/echo", body: Array(("{\"a\": \"" + String(repeating: "x", count: 2 << 20) + "\"}").utf8))
            #expect(big.status == 413)
            let echoed = try await client.post("/public/echo", json: ["b": 1, "a": ["x": .null]])
            #expect(echoed.status == 200)
            #expect(echoed.json.object?.keys == ["b", "a"], "member order kept")
        }
    }

    @Test func headKeepsTheLengthOfTheBodyItOmits() async throws {
        try await RouterTestServer.with(TinyRouter.make(style: .keystone)) { client in
            let r = try await client.head("/public/head")
            #expect(r.status == 200)
            #expect(r.bytes.isEmpty)
            let omitted: JSON = ["size": 12345]
            #expect(r.header("Content-Length") == String(omitted.bytes.count))
        }
    }
}

@Suite struct RequestIDTests {
    @Test func everyAnswerHasItsOwnRequestIDAndVary() async throws {
        try await RouterTestServer.with(TinyRouter.make(style: .neutron)) { client in
            var seen = Set<String>()
            for path in ["/public/hello", "/public/hello", "/public/fail/400", "/whoami", "/nowhere"] {
                let r = try await client.get(path)
                let id = try #require(r.header("x-openstack-request-id"), "\(path)")
                #expect(id.wholeMatch(of: /req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) != nil, "\(id)")
                #expect(r.header("Vary") == "X-Auth-Token")
                seen.insert(id)
            }
            #expect(seen.count == 5)
        }
    }
}

@Suite struct TokenMiddlewareTests {
    @Test func tokensAreRequiredExceptOnPublicPaths() async throws {
        try await RouterTestServer.with(TinyRouter.make(style: .keystone)) { client in
            #expect(try await client.get("/public/hello").json == ["hello": .null])
            #expect(try await client.get("/public/hello", token: "reader-token").json == ["hello": "alice"])
            #expect(try await client.get("/public/hello", token: "bogus").status == 200, "a bad token on a public path is ignored")
            for token in [nil, "", "bogus"] as [String?] {
                let r = try await client.get("/whoami", token: token)
                #expect(r.status == 401, "\(String(describing: token))")
                #expect(r.json["error"]?["message"] == "The request you have made requires authentication.")
                #expect(r.header("WWW-Authenticate") == "Tiny")
            }
            let me = try await client.get("/whoami", token: "reader-token")
            #expect(me.status == 200)
            #expect(me.json == ["user": "alice", "project": "p1"])
            let refused = try await client.delete("/admin-only", token: "reader-token")
            #expect(refused.status == 403)
            #expect(refused.json["error"]?["message"] == "You are not authorized to perform the requested action: tiny:delete.")
            #expect(try await client.delete("/admin-only", token: "admin-token").status == 204)
        }
    }
}

@Suite struct ListQueryOverHTTPTests {
    static func names(_ r: APIResponse) -> [String] { r.json["items"]?.array?.compactMap { $0["name"]?.string } ?? [] }

    @Test func filtersSortsPagesAndProjects() async throws {
        try await RouterTestServer.with(TinyRouter.make(style: .neutron)) { client in
            let t = "reader-token"
            #expect(Self.names(try await client.get("/items", token: t)) == ["delta", "alpha", "echo", "charlie", "bravo"])
            #expect(Self.names(try await client.get("/items?sort_key=name", token: t)) == ["alpha", "bravo", "charlie", "delta", "echo"])
            #expect(Self.names(try await client.get("/items?sort_key=name&sort_dir=desc", token: t)) == ["echo", "delta", "charlie", "bravo", "alpha"])
            #expect(Self.names(try await client.get("/items?sort_key=size&sort_dir=asc&sort_key=name&sort_dir=desc", token: t))
                    == ["bravo", "alpha", "charlie", "echo", "delta"])
            #expect(Self.names(try await client.get("/items?size=3", token: t)) == ["delta", "echo"])
            #expect(Self.names(try await client.get("/items?enabled=false", token: t)) == ["charlie"])
            #expect(Self.names(try await client.get("/items?enabled=True&size=1", token: t)) == ["alpha", "bravo"])
            #expect(Self.names(try await client.get("/items?colour=blue", token: t)).count == 5, "filters on unknown attributes are ignored")

            let projected = try await client.get("/items?fields=name&limit=1", token: t)
            #expect(projected.json["items"] == [["id": "i1", "name": "delta"]])

            // Pages follow the marker: the next link's href gives the following page.
            var collected: [String] = []
            var path = "/items?sort_key=name&limit=2"
            for _ in 0..<5 {
                let page = try await client.get(path, token: t)
                #expect(page.status == 200)
                collected += Self.names(page)
                guard let next = page.json["items_links"]?.array?.first(where: { $0["rel"] == "next" })?["href"]?.string else { break }
                #expect(next.hasPrefix(client.baseURL + "/items?limit=2&marker="))
                path = String(next.dropFirst(client.baseURL.count)) + "&sort_key=name"
            }
            #expect(collected == ["alpha", "bravo", "charlie", "delta", "echo"])
            let reversed = try await client.get("/items?marker=i3&page_reverse=true&limit=1", token: t)
            #expect(Self.names(reversed) == ["alpha"])
        }
    }

    @Test func badPagingParametersAre4xx() async throws {
        try await RouterTestServer.with(TinyRouter.make(style: .neutron)) { client in
            for query in ["limit=-1", "limit=x", "limit=99999999999999999999", "sort_dir=up"] {
                let r = try await client.get("/items?\(query)", token: "reader-token")
                #expect(r.status == 400, "\(query): \(r)")
                #expect(r.json["NeutronError"]?["type"]?.string != nil)
            }
            let marker = try await client.get("/items?marker=nope", token: "reader-token")
            #expect(marker.status == 404)
            #expect(marker.json["NeutronError"]?["message"] == "Could not find marker: nope.")
        }
    }
}
