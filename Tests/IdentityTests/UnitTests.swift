import Foundation
@testable import Identity
import OpenStackAPI
import Testing

@Suite struct JSONTests {
    @Test func roundTripKeepsOrderAndTypes() throws {
        let text = #"{"b": 1, "a": [true, null, "x\n\u00e9\ud83d\ude00"], "c": {"d": -2.5}}"#
        let json = try JSONParser.parse(Array(text.utf8))
        #expect(json.object?.keys == ["b", "a", "c"])
        #expect(json["a"]?.array?[2] == "x\né😀")
        #expect(try JSONParser.parse(json.bytes) == json)
        #expect(json["b"]?.text == "1")
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "tru", "{\"a\":1}}", "\"\u{01}\"", String(repeating: "[", count: 500)])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
    }
}

@Suite struct ListQueryTests {
    let objects: [JSONObject] = [["id": "1", "name": "b", "enabled": true], ["id": "2", "name": "a", "enabled": false], ["id": "3", "name": "c", "enabled": true]]

    @Test func filtersOnAnyAttribute() throws {
        let q = try ListQuery([("enabled", "true"), ("unknown", "x")])
        #expect(try q.apply(to: objects).items.map { $0["id"] } == ["1", "3"])
        #expect(try ListQuery([("enabled", "False")]).apply(to: objects).items.map { $0["id"] } == ["2"])
    }

    @Test func sortsAndPagesWithMarker() throws {
        let first = try ListQuery([("sort_key", "name"), ("limit", "2")]).apply(to: objects)
        #expect(first.items.map { $0["name"] } == ["a", "b"])
        #expect(first.next == "1")
        let second = try ListQuery([("sort_key", "name"), ("limit", "2"), ("marker", "1")]).apply(to: objects)
        #expect(second.items.map { $0["name"] } == ["c"])
        #expect(second.next == nil)
        #expect(throws: APIError.self) { try ListQuery([("marker", "zzz")]).apply(to: objects) }
        #expect(throws: APIError.self) { try ListQuery([("sort_dir", "sideways")]) }
    }

    @Test func fieldsKeepTheID() throws {
        let items = try ListQuery([("fields", "name")]).apply(to: objects).items
        #expect(items.first?.keys == ["id", "name"])
    }
}

@Suite struct PasswordHasherTests {
    @Test func productionDefaultMeetsOWASP() {
        #expect(PasswordHasher.productionIterations >= 600_000)
        let config = IdentityConfiguration(stateDirectory: URL(fileURLWithPath: "/tmp"), listen: ListenAddress(host: "127.0.0.1", port: 5000))
        #expect(config.passwordIterations >= 600_000)
    }

    @Test func verifiesOnlyTheRightPasswordAndSalts() throws {
        let hasher = PasswordHasher(iterations: 1_000)
        let a = try hasher.hash("secret")
        let b = try hasher.hash("secret")
        #expect(a != b)
        #expect(a.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(hasher.verify("secret", against: a))
        #expect(!hasher.verify("Secret", against: a))
        #expect(!hasher.verify("secret", against: "garbage"))
    }
}

@Suite struct ParsingTests {
    @Test func listenAddress() {
        #expect(ListenAddress(parsing: "127.0.0.1:5000") == ListenAddress(host: "127.0.0.1", port: 5000))
        #expect(ListenAddress(parsing: "[::1]:0") == ListenAddress(host: "::1", port: 0))
        #expect(ListenAddress(parsing: "nohost") == nil)
        #expect(ListenAddress(parsing: ":80") == nil)
        #expect(ListenAddress(parsing: "h:99999") == nil)
    }

    @Test func catalogService() {
        #expect(CatalogService(parsing: "compute:8774/v2.1") == CatalogService(type: "compute", name: "nova", port: 8774, path: "/v2.1"))
        #expect(CatalogService(parsing: "network:9696")?.url(host: "10.0.0.1") == "http://10.0.0.1:9696")
        #expect(CatalogService(parsing: "network") == nil)
        #expect(CatalogService(parsing: "network:x") == nil)
    }

    @Test func timestamps() {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(Timestamp.keystone(date) == "2027-01-15T08:00:00.000000Z")
        #expect(Timestamp.parse("2027-01-15T08:00:00.000000Z") == date)
        #expect(Timestamp.parse("2027-01-15T08:00:00+0000") == date)
    }
}

@Suite struct CloudsFileTests {
    @Test func mergeKeepsOtherCloudsAndReplacesOurs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clouds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("clouds.yaml")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "clouds:\n  mine:\n    auth:\n      auth_url: http://example.org/v3\n    region_name: Far\n".write(to: url, atomically: true, encoding: .utf8)
        let first = BootstrapCredentials(adminPassword: "a1", demoPassword: "d1")
        try CloudsFile.merge(CloudEntry.cluster("ovnstack", authURL: "http://127.0.0.1:5000/v3", credentials: first), into: url)
        try CloudsFile.merge(CloudEntry.cluster("ovnstack", authURL: "http://127.0.0.1:5000/v3",
                                                credentials: BootstrapCredentials(adminPassword: "a2", demoPassword: "d2")), into: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("mine:"))
        #expect(text.contains("region_name: Far"))
        #expect(text.contains("ovnstack-demo:"))
        #expect(text.contains("password: a2"))
        #expect(!text.contains("password: a1"))
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func refusesANonMappingFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clouds-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try "- just\n- a list\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: CloudsFile.Failure.self) {
            try CloudsFile.merge(CloudEntry.cluster("x", authURL: "http://h/v3", credentials: .init(adminPassword: "a", demoPassword: "d")), into: url)
        }
    }

    @Test func openrcQuotesValues() {
        let entry = CloudEntry(name: "c", authURL: "http://127.0.0.1:5000/v3", username: "admin", password: "it's", projectName: "admin")
        #expect(entry.openrc.contains("export OS_PASSWORD='it'\\''s'\n"))
        #expect(entry.openrc.contains("export OS_AUTH_URL='http://127.0.0.1:5000/v3'\n"))
    }
}
