import Foundation
import Networking
import OpenStackAPI
import OpenStackAPITesting
import OVNModel
import OVSDB
import OVSDBTestSupport

/// The networking service over HTTP on a real Northbound (see ``NetworkTestServer``), with the Neutron calls
/// the tests make as a client does; an unexpected status throws with the whole answer.
final class TestNetworking: @unchecked Sendable {
    let server: NetworkTestServer
    /// The admin's token (project `admin`).
    let admin: String

    private init(server: NetworkTestServer, admin: String) {
        self.server = server
        self.admin = admin
    }

    /// A fresh service; `prepare` runs on the NB and SB servers before it starts.
    static func start(southbound: Bool = false, ids: IDSource = .random, agentDownTime: TimeInterval = 75, dnsDomain: String = "openstacklocal.",
                      prepare: (TestOVSDBServer, TestOVSDBServer?) throws -> Void = { _, _ in }) async throws -> TestNetworking {
        let server = try await NetworkTestServer.start(southbound: southbound, ids: ids, agentDownTime: agentDownTime,
                                                       dnsDomain: dnsDomain, prepare: prepare)
        return TestNetworking(server: server, admin: try await server.adminToken())
    }

    var client: APIClient { server.client }

    /// A token of a member of a new project `name`, and the project's id.
    func member(_ name: String) async throws -> (token: String, projectID: String) {
        try await server.identity.projectMember(name)
    }

    /// `POST /v2.0/<collection>` with `{"<member>": attributes}`; 201 and the created resource.
    @discardableResult
    func create(_ collection: String, _ attributes: JSONObject, token: String? = nil) async throws -> JSONObject {
        let member = Self.member(of: collection)
        let r = try await client.post("/v2.0/\(collection)", token: token ?? admin, json: [member: .object(attributes)])
        guard r.status == 201, let object = r.json[member]?.object else { throw TestFailure("POST \(collection) \(attributes): \(r)") }
        return object
    }

    /// `GET /v2.0/<collection>/<id>`; 200 and the resource.
    func show(_ collection: String, _ id: String, token: String? = nil) async throws -> JSONObject {
        let r = try await client.get("/v2.0/\(collection)/\(id)", token: token ?? admin)
        guard r.status == 200, let object = r.json[Self.member(of: collection)]?.object else { throw TestFailure("GET \(collection)/\(id): \(r)") }
        return object
    }

    /// `PUT /v2.0/<collection>/<id>` with `{"<member>": attributes}`; 200 and the updated resource.
    @discardableResult
    func update(_ collection: String, _ id: String, _ attributes: JSONObject, token: String? = nil) async throws -> JSONObject {
        let member = Self.member(of: collection)
        let r = try await client.put("/v2.0/\(collection)/\(id)", token: token ?? admin, json: [member: .object(attributes)])
        guard r.status == 200, let object = r.json[member]?.object else { throw TestFailure("PUT \(collection)/\(id): \(r)") }
        return object
    }

    /// `GET /v2.0/<collection>?<query>`; 200 and the items.
    func list(_ collection: String, _ query: String = "", token: String? = nil) async throws -> [JSONObject] {
        let r = try await client.get("/v2.0/\(collection)" + (query.isEmpty ? "" : "?\(query)"), token: token ?? admin)
        let key = collection.replacingOccurrences(of: "-", with: "_")
        guard r.status == 200, let items = r.json[key]?.array else { throw TestFailure("GET \(collection)?\(query): \(r)") }
        return items.compactMap(\.object)
    }

    /// The member name of a collection: `security-groups` → `security_group`, `rbac-policies` → `rbac_policy`,
    /// `qos/policies` → `policy`.
    static func member(of collection: String) -> String {
        let plural = String(collection.split(separator: "/").last ?? "").replacingOccurrences(of: "-", with: "_")
        return plural.hasSuffix("ies") ? String(plural.dropLast(3)) + "y" : String(plural.dropLast())
    }

    /// The Northbound rows the service owns, keyed by name/match/cidr with references as names: comparable across UUIDs.
    func northbound() -> [String: [String: String]] { server.northbound.rows() }

    /// Waits until the Northbound shows what `condition` expects.
    func waitNB(_ condition: @escaping @Sendable (Replica) -> Bool) async throws {
        try await server.northbound.wait(condition)
    }

    /// Stops the service and starts a new one on the same database and Northbound.
    func restart() async throws { try await server.restart() }

    func destroy() async { await server.stop() }

    /// A network with one /24 subnet.
    func networkWithSubnet(_ name: String, cidr: String = "10.0.0.0/24", token: String? = nil) async throws -> (network: String, subnet: String) {
        let id = try await create("networks", ["name": .string(name)], token: token)["id"]!.string!
        let subnet = try await create("subnets", ["network_id": .string(id), "ip_version": 4, "cidr": .string(cidr)], token: token)
        return (id, subnet["id"]!.string!)
    }
}

extension APIResponse {
    /// Neutron's error `type` (`NetworkNotFound`), if the body is a Neutron error.
    var neutronType: String? { json["NeutronError"]?["type"]?.string }
}
