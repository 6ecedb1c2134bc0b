import Foundation
import Testing

/// The Neutron v2.0 calls the cluster tests make, as the API reference documents them; an unexpected
/// status fails the test with the whole exchange (request and response).
struct NeutronCalls {
    let cloud: CloudClient

    /// `POST /v2.0/<resources>` → 201 and the created resource.
    func create(_ resource: String, _ attributes: [String: Any]) async throws -> [String: Any] {
        try await expect(201, cloud.call("POST", "network", "/v2.0/\(Self.collection(resource))", [resource: attributes]), resource)
    }

    /// `GET /v2.0/<resources>/<id>` → 200.
    func show(_ resource: String, _ id: String) async throws -> [String: Any] {
        try await expect(200, fetch(resource, id), resource)
    }

    /// `GET /v2.0/<resources>/<id>`, whatever it answers.
    func fetch(_ resource: String, _ id: String) async throws -> CloudClient.Exchange {
        try await cloud.call("GET", "network", "/v2.0/\(Self.collection(resource))/\(id)")
    }

    /// `PUT /v2.0/<resources>/<id>` → 200 and the updated resource.
    func update(_ resource: String, _ id: String, _ attributes: [String: Any]) async throws -> [String: Any] {
        try await expect(200, cloud.call("PUT", "network", "/v2.0/\(Self.collection(resource))/\(id)", [resource: attributes]), resource)
    }

    /// `PUT /v2.0/routers/<id>/<action>` (add_router_interface, remove_router_interface) → 200 and the answer's body.
    func routerAction(_ id: String, _ action: String, _ body: [String: Any]) async throws -> [String: Any] {
        let exchange = try await cloud.call("PUT", "network", "/v2.0/routers/\(id)/\(action)", body)
        try #require(exchange.status == 200, "\(exchange)")
        return exchange.json
    }

    /// `GET /v2.0/<resources>?<query>` → 200 and the list.
    func list(_ resource: String, query: String) async throws -> [[String: Any]] {
        let key = Self.collection(resource).replacingOccurrences(of: "-", with: "_")
        let exchange = try await cloud.call("GET", "network", "/v2.0/\(Self.collection(resource))?\(query)")
        try #require(exchange.status == 200, "\(exchange)")
        return try #require(exchange.json[key] as? [[String: Any]], "no \(key) list: \(exchange)")
    }

    private func expect(_ status: Int, _ exchange: CloudClient.Exchange, _ resource: String) throws -> [String: Any] {
        try #require(exchange.status == status, "\(exchange)")
        return try #require(exchange.json[resource] as? [String: Any], "no \(resource) object: \(exchange)")
    }

    /// The URL collection of a resource: `security_group` → `security-groups`, `floatingip` → `floatingips`.
    static func collection(_ resource: String) -> String { resource.replacingOccurrences(of: "_", with: "-") + "s" }
}
