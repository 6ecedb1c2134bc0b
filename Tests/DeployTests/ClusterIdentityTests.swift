import Deploy
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

extension ClusterLifecycleTests {
    @Test("up runs identity on 127.0.0.1: healthy in status, clouds.yaml entries, a password token; down --purge removes them and frees the port")
    func identityOnLoopback() async throws {
        try await TestCluster.with { cluster in
            let other = "clouds:\n  elsewhere:\n    auth:\n      auth_url: http://192.0.2.1:5000/v3\n"
            try other.write(toFile: cluster.cloudsYaml, atomically: true, encoding: .utf8)
            let output = try cluster.up(["--computes", "1"])
            #expect(output.hasSuffix("export OS_CLOUD=\(cluster.name)\n") || output.hasSuffix("export OS_CLOUD=\(cluster.name)"))
            let port = try #require(try ClusterState.load(cluster.layout)?.apiPorts?.identity)
            #expect(port != 5000, "a non-default cluster picks its own port")
            let identity = try #require(try cluster.status().services.first { $0.service == "identity" })
            #expect(identity.node == "ctl" && identity.healthy == true && identity.pid != nil)

            let clouds = try String(contentsOfFile: cluster.cloudsYaml, encoding: .utf8)
            for entry in [cluster.name, "\(cluster.name)-demo", "elsewhere"] { #expect(clouds.contains("  \(entry):\n"), "\(clouds)") }
            #expect(clouds.components(separatedBy: "auth_url: http://127.0.0.1:\(port)/v3\n").count == 3, "\(clouds)")
            #expect(FileManager.default.fileExists(atPath: "\(cluster.stateDir)/admin-openrc.sh"))

            let password = try String(contentsOfFile: "\(cluster.stateDir)/ctl/identity/admin-password", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let (status, token) = try await Self.passwordToken(port: port, password: password)
            #expect(status == 201)
            #expect(!(token ?? "").isEmpty)

            let down = cluster.run(["down", "--purge"])
            #expect(down.succeeded, "\(down.output)")
            let after = try String(contentsOfFile: cluster.cloudsYaml, encoding: .utf8)
            #expect(!after.contains(cluster.name) && after.contains("elsewhere"), "\(after)")
            #expect(LoopbackPort.isFree(port))
            #expect(!ProcessTable.isAlive(identity.pid ?? 0))
        }
    }

    /// `POST /v3/auth/tokens` as admin on project admin: the status and the X-Subject-Token.
    static func passwordToken(port: Int, password: String) async throws -> (Int, String?) {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/v3/auth/tokens")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let domain = ["name": "Default"]
        let body: [String: Any] = ["auth": [
            "identity": ["methods": ["password"], "password": ["user": ["name": "admin", "domain": domain, "password": password]]],
            "scope": ["project": ["name": "admin", "domain": domain]],
        ]]
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (_, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, http.value(forHTTPHeaderField: "X-Subject-Token"))
    }
}
