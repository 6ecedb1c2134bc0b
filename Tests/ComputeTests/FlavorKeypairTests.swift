import Foundation
import OpenStackAPI
import OpenStackAPITesting
import ProgramRunner
import Testing

/// Flavors and keypairs over HTTP: defaults, tempest's 2.1 key sets, admin-only changes, generated and imported keys.
@Suite("Compute flavors and keypairs", .serialized)
struct ComputeFlavorKeypairTests {
    @Test("default flavors, exact 2.1 keys, filters, admin create/delete, access and extra specs")
    func flavors() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken, admin = cloud.adminToken
            let list = try await cloud.api.get("/v2.1/flavors", token: demo)
            #expect(list.json["flavors"]?.array?.compactMap { $0["id"]?.string } == ["1", "2", "3"], "\(list)")
            #expect(Set(list.json["flavors"]?.array?.first?.object?.keys ?? []) == ["id", "name", "links"])
            let detail = try await cloud.api.get("/v2.1/flavors/detail?is_public=None", token: demo)
            for flavor in detail.json["flavors"]?.array ?? [] { #expect(Set(flavor.object?.keys ?? []) == Shapes.flavorDetail) }
            let tiny = try await cloud.api.get("/v2.1/flavors/1", token: demo).json["flavor"]
            #expect(tiny?["name"]?.string == "m1.tiny" && tiny?["ram"]?.int == 512 && tiny?["disk"]?.int == 1 && tiny?["vcpus"]?.int == 1)
            let big = try await cloud.api.get("/v2.1/flavors/detail?minRam=1000&minDisk=30", token: demo)
            #expect(big.json["flavors"]?.array?.compactMap { $0["id"]?.string } == ["3"], "\(big)")
            #expect(try await cloud.api.get("/v2.1/flavors?minRam=x", token: demo).status == 400)
            #expect(try await cloud.api.get("/v2.1/flavors/99", token: demo).json["itemNotFound"] != nil)

            let body: JSON = ["flavor": ["name": "c.private", "ram": 256, "vcpus": 1, "disk": 0, "id": "p1", "os-flavor-access:is_public": false]]
            let refused = try await cloud.api.post("/v2.1/flavors", token: demo, json: body)
            #expect(refused.status == 403 && refused.json["forbidden"] != nil, "\(refused)")
            let created = try await cloud.api.post("/v2.1/flavors", token: admin, json: body)
            #expect(created.status == 200 && Set(created.json["flavor"]?.object?.keys ?? []) == Shapes.flavorDetail, "\(created)")
            #expect(try await cloud.api.post("/v2.1/flavors", token: admin, json: body).status == 409)
            #expect(try await cloud.api.get("/v2.1/flavors/p1", token: demo).status == 404)
            let grant = try await cloud.api.post("/v2.1/flavors/p1/action", token: admin, json: ["addTenantAccess": ["tenant": .string(cloud.demoProjectID)]])
            #expect(grant.status == 200 && grant.json["flavor_access"]?.array?.count == 1, "\(grant)")
            #expect(try await cloud.api.get("/v2.1/flavors/p1", token: demo).status == 200)
            let specs = try await cloud.api.post("/v2.1/flavors/p1/os-extra_specs", token: admin, json: ["extra_specs": ["hw:cpu_policy": "shared"]])
            #expect(specs.json["extra_specs"]?["hw:cpu_policy"]?.string == "shared", "\(specs)")
            #expect(try await cloud.api.get("/v2.1/flavors/p1/os-extra_specs/hw:cpu_policy", token: demo).status == 200)
            #expect(try await cloud.api.delete("/v2.1/flavors/p1/os-extra_specs/hw:cpu_policy", token: admin).status == 200)
            #expect(try await cloud.api.delete("/v2.1/flavors/p1", token: demo).status == 403)
            #expect(try await cloud.api.delete("/v2.1/flavors/p1", token: admin).status == 202)
            #expect(try await cloud.api.get("/v2.1/flavors/p1", token: admin).status == 404)
            for bad: JSON in [["flavor": ["name": "x", "ram": 0, "vcpus": 1, "disk": 1]], ["flavor": ["name": " x", "ram": 1, "vcpus": 1, "disk": 1]],
                              ["flavor": ["ram": 1, "vcpus": 1, "disk": 1]], ["flavor": "x"], ["nothing": 1]] {
                let r = try await cloud.api.post("/v2.1/flavors", token: admin, json: bad)
                #expect(r.status == 400 && r.json["badRequest"] != nil, "\(bad.text): \(r)")
            }
        }
    }

    @Test("generated RSA keypair, imported ed25519 and ecdsa-384 with ssh-keygen's MD5 fingerprints, 2.1 shapes, 409/400/404")
    func keypairs() async throws {
        try await withComputeCloud { cloud in
            let demo = cloud.demoToken
            let generated = try await cloud.api.post("/v2.1/os-keypairs", token: demo, json: ["keypair": ["name": "gen"]])
            #expect(generated.status == 200, "\(generated)")
            let key = try #require(generated.json["keypair"])
            #expect(Set(key.object?.keys ?? []) == Shapes.keypairCreate.union(["private_key"]))
            #expect(key["private_key"]?.string?.hasPrefix("-----BEGIN RSA PRIVATE KEY-----") == true)
            #expect(key["public_key"]?.string?.hasPrefix("ssh-rsa ") == true && key["public_key"]?.string?.hasSuffix(" Generated-by-Nova") == true)
            let rsaPrint = try SSHKeygen.fingerprint(key["public_key"]?.string ?? "")
            #expect(key["fingerprint"]?.string == rsaPrint)
            // The private key really belongs to the public key: ssh-keygen derives the same public key from it.
            #expect(try SSHKeygen.publicKey(fromPrivate: key["private_key"]?.string ?? "").hasPrefix(
                String((key["public_key"]?.string ?? "").split(separator: " ").prefix(2).joined(separator: " "))))

            for type in ["ed25519", "ecdsa-384"] {
                let line = try SSHKeygen.generate(type)
                let r = try await cloud.api.post("/v2.1/os-keypairs", token: demo, json: ["keypair": ["name": .string(type), "public_key": .string(line)]])
                #expect(r.status == 200 && r.json["keypair"]?["private_key"] == nil, "\(r)")
                #expect(Set(r.json["keypair"]?.object?.keys ?? []) == Shapes.keypairCreate)
                #expect(r.json["keypair"]?["fingerprint"]?.string == (try SSHKeygen.fingerprint(line)))
            }
            let list = try await cloud.api.get("/v2.1/os-keypairs", token: demo)
            let items = list.json["keypairs"]?.array ?? []
            #expect(items.compactMap { $0["keypair"]?["name"]?.string }.sorted() == ["ecdsa-384", "ed25519", "gen"], "\(list)")
            for item in items { #expect(Set(item["keypair"]?.object?.keys ?? []) == Shapes.keypairListItem) }
            let show = try await cloud.api.get("/v2.1/os-keypairs/ed25519", token: demo)
            #expect(Set(show.json["keypair"]?.object?.keys ?? []) == Shapes.keypairShow, "\(show)")
            #expect(try await cloud.api.get("/v2.1/os-keypairs/ed25519", token: cloud.adminToken).status == 404)
            let duplicate = try await cloud.api.post("/v2.1/os-keypairs", token: demo, json: ["keypair": ["name": "gen"]])
            #expect(duplicate.status == 409 && duplicate.json["conflictingRequest"] != nil, "\(duplicate)")
            for bad in ["ssh-rsa AAAA", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== x", "not a key", "ssh-dss AAAAB3NzaC1kc3MAAACBAP= x", ""] {
                let r = try await cloud.api.post("/v2.1/os-keypairs", token: demo, json: ["keypair": ["name": "bad", "public_key": .string(bad)]])
                #expect(r.status == 400 && r.json["badRequest"] != nil, "\(bad): \(r)")
            }
            for bad: JSON in [["keypair": ["name": ""]], ["keypair": ["name": "a/b"]], ["keypair": ["name": "x", "type": "ssh"]], ["keypair": 1]] {
                #expect(try await cloud.api.post("/v2.1/os-keypairs", token: demo, json: bad).status == 400, "\(bad.text)")
            }
            #expect(try await cloud.api.delete("/v2.1/os-keypairs/gen", token: demo).status == 202)
            #expect(try await cloud.api.delete("/v2.1/os-keypairs/gen", token: demo).status == 404)
        }
    }
}

/// The real `ssh-keygen`, to make keys and check fingerprints independently of the service.
enum SSHKeygen {
    static func run(_ arguments: [String]) throws -> String {
        try Program.run("ssh-keygen", arguments)
    }

    static func temporary(_ body: (URL) throws -> String) throws -> String {
        let dir = try makeTemporaryDirectory("compute-keys")
        defer { try? FileManager.default.removeItem(at: dir) }
        return try body(dir)
    }

    /// A new public key line of `type` (`ed25519`, `ecdsa-384`).
    static func generate(_ type: String) throws -> String {
        try temporary { dir in
            let file = dir.appendingPathComponent("k").path
            let args = type == "ed25519" ? ["-t", "ed25519"] : ["-t", "ecdsa", "-b", "384"]
            _ = try run(args + ["-N", "", "-q", "-C", "test", "-f", file])
            return try String(contentsOfFile: file + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// ssh-keygen's MD5 fingerprint of a public key line, without the `MD5:` prefix.
    static func fingerprint(_ line: String) throws -> String {
        try temporary { dir in
            let file = dir.appendingPathComponent("k.pub")
            try line.write(to: file, atomically: true, encoding: .utf8)
            let out = try run(["-l", "-E", "md5", "-f", file.path])
            return out.split(separator: " ").dropFirst().first.map { String($0.dropFirst(4)) } ?? ""
        }
    }

    /// The public key ssh-keygen derives from a private key.
    static func publicKey(fromPrivate pem: String) throws -> String {
        try temporary { dir in
            let file = dir.appendingPathComponent("k")
            try pem.write(to: file, atomically: true, encoding: .utf8)
            chmod(file.path, 0o600)
            return try run(["-y", "-f", file.path])
        }
    }
}
