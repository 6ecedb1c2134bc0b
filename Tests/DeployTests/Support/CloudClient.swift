import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// A test cluster's APIs as the admin sees them over HTTP, through the shared ``APIClient``: a project-scoped
/// token from identity on 127.0.0.1, the service endpoints from that token's catalog, JSON in and out
/// (as Foundation objects, which the cluster tests read).
struct CloudClient {
    let token: String
    /// Service type → public endpoint URL, from the token's catalog.
    let endpoints: [String: String]

    /// One HTTP exchange, kept whole so a failing expectation can show both sides.
    struct Exchange: CustomStringConvertible {
        let method: String
        let url: String
        let requestBody: String
        let status: Int
        let body: Data

        /// The response body as a JSON object (empty when it is not one).
        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }

        var description: String {
            "\(method) \(url)\(requestBody.isEmpty ? "" : " \(requestBody)") → \(status) \(String(decoding: body, as: UTF8.self))"
        }
    }

    /// Logs in as admin on project admin with the password identity generated in the cluster's state directory.
    static func admin(_ cluster: TestCluster, identityPort: Int) async throws -> CloudClient {
        let password = try String(contentsOfFile: cluster.layout.adminPasswordFile("ctl"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let identity = APIClient(baseURL: "http://127.0.0.1:\(identityPort)")
        let (token, body) = try await identity.scopedToken(user: "admin", password: password, project: "admin")
        var endpoints: [String: String] = [:]
        for service in body["catalog"]?.array ?? [] {
            guard let type = service["type"]?.string else { continue }
            endpoints[type] = service["endpoints"]?.array?.first { $0["interface"]?.string == "public" }?["url"]?.string
        }
        return CloudClient(token: token, endpoints: endpoints)
    }

    /// `method` on `path` of the service of `type` (its catalog endpoint), with the token.
    func call(_ method: String, _ type: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Exchange {
        let base = try #require(endpoints[type], "no \(type) endpoint in the catalog \(endpoints)")
        let client = APIClient(baseURL: base)
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }
        let r = try await client.send(method, path, token: token, body: data.map { Array($0) }, headers: [("Accept", "application/json")])
        let text = data.map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Exchange(method: method, url: client.baseURL + path, requestBody: text, status: r.status, body: Data(r.bytes))
    }
}
