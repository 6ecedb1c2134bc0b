import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A test cluster's APIs as the admin sees them over HTTP: a project-scoped token from identity on
/// 127.0.0.1, the service endpoints from that token's catalog, JSON in and out.
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
        let domain = ["name": "Default"]
        let body: [String: Any] = ["auth": [
            "identity": ["methods": ["password"], "password": ["user": ["name": "admin", "domain": domain, "password": password]]],
            "scope": ["project": ["name": "admin", "domain": domain]],
        ]]
        let (exchange, response) = try await send("POST", "http://127.0.0.1:\(identityPort)/v3/auth/tokens", body: body, token: nil)
        try #require(exchange.status == 201, "\(exchange)")
        let token = try #require(response.value(forHTTPHeaderField: "X-Subject-Token"), "no X-Subject-Token: \(exchange)")
        var endpoints: [String: String] = [:]
        for service in (exchange.json["token"] as? [String: Any])?["catalog"] as? [[String: Any]] ?? [] {
            guard let type = service["type"] as? String else { continue }
            let publicEndpoint = (service["endpoints"] as? [[String: Any]] ?? []).first { $0["interface"] as? String == "public" }
            endpoints[type] = publicEndpoint?["url"] as? String
        }
        return CloudClient(token: token, endpoints: endpoints)
    }

    /// `method` on `path` of the service of `type` (its catalog endpoint), with the token.
    func call(_ method: String, _ type: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Exchange {
        let base = try #require(endpoints[type], "no \(type) endpoint in the catalog \(endpoints)")
        return try await Self.send(method, (base.hasSuffix("/") ? String(base.dropLast()) : base) + path, body: body, token: token).0
    }

    private static func send(_ method: String, _ url: String, body: [String: Any]?, token: String?) async throws -> (Exchange, HTTPURLResponse) {
        var request = URLRequest(url: try #require(URL(string: url)), timeoutInterval: 30)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token { request.setValue(token, forHTTPHeaderField: "X-Auth-Token") }
        var text = ""
        if let body {
            let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = data
            text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: #""password":"[^"]*""#, with: #""password":"***""#, options: .regularExpression)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (Exchange(method: method, url: url, requestBody: text, status: http.statusCode, body: data), http)
    }
}
