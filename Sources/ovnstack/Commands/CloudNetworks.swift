import Deploy
import Foundation
import Identity
import NIOHTTP1
import OpenStackAPI

/// The networks every cloud starts with, created through the Networking API like an operator would:
/// the admin's external `public` network (flat on the external physnet, the outside router as gateway,
/// no DHCP) and, for the demo project, `demo-net` with `demo-router` attached to `public`. Idempotent:
/// what exists already (by name) is kept.
struct CloudNetworks {
    let layout: StateLayout

    func ensure(timeout: Duration = .seconds(30)) async throws -> String {
        guard let state = try ClusterState.load(layout) else { throw CloudAccessError("no \(layout.clusterFile)") }
        let identity = "http://127.0.0.1:\(state.ports.identity)/v3"
        let network = "http://127.0.0.1:\(state.ports.network)/v2.0"
        let credentials = try BootstrapCredentials.load(stateDirectory: URL(fileURLWithPath: layout.identityDir(state.spec.controlNode.name)))
        let admin = try await token(identity, user: "admin", password: credentials.adminPassword, project: "admin")
        let demo = try await token(identity, user: "demo", password: credentials.demoPassword, project: "demo")
        try await waitForAnswer(network, token: admin, timeout: timeout)
        let external = state.spec.external
        let cidr = "\(external.cidr)"
        var publicID = try await find("networks", "public", network, admin)
        if publicID == nil {
            let id = try await create("networks", "network", network, admin, [
                "name": "public", "router:external": true, "provider:network_type": "flat",
                "provider:physical_network": .string(external.physnet)])
            _ = try await create("subnets", "subnet", network, admin, [
                "name": "public-subnet", "network_id": .string(id), "ip_version": 4, "cidr": .string(cidr),
                "gateway_ip": .string(external.router), "enable_dhcp": false,
                "allocation_pools": [["start": .string(external.cidr.host(10)), "end": .string(external.cidr.host(250))]]])
            publicID = id
        }
        var demoSubnet: String?
        if try await find("networks", "demo-net", network, demo) == nil {
            let id = try await create("networks", "network", network, demo, ["name": "demo-net"])
            demoSubnet = try await create("subnets", "subnet", network, demo, [
                "name": "demo-subnet", "network_id": .string(id), "ip_version": 4, "cidr": "10.0.0.0/24"])
        }
        if try await find("routers", "demo-router", network, demo) == nil {
            let router = try await create("routers", "router", network, demo, [
                "name": "demo-router", "external_gateway_info": ["network_id": .string(publicID!)]])
            if let demoSubnet {
                _ = try await send("PUT", "\(network)/routers/\(router)/add_router_interface", demo, ["subnet_id": .string(demoSubnet)])
            }
        }
        return "public \(cidr) (gateway \(external.router)), demo-net 10.0.0.0/24, demo-router"
    }

    private func token(_ identity: String, user: String, password: String, project: String) async throws -> String {
        let domain: JSON = ["name": "Default"]
        let body: JSON = ["auth": ["identity": ["methods": ["password"], "password": ["user": [
            "name": .string(user), "domain": domain, "password": .string(password)]]],
            "scope": ["project": ["name": .string(project), "domain": domain]]]]
        let response = try await CloudHTTP.send(
            .POST, "\(identity)/auth/tokens?nocatalog", headers: [("Content-Type", "application/json")], body: body.bytes)
        guard response.status == 201, let token = response.headers.first(name: "X-Subject-Token") else {
            throw CloudAccessError("identity refused the \(user) credentials; check \(layout.identityDir("ctl"))")
        }
        return token
    }

    private func send(_ method: String, _ url: String, _ token: String, _ body: JSON?) async throws -> (Int, JSON) {
        let response = try await CloudHTTP.send(
            HTTPMethod(rawValue: method), url, headers: [("X-Auth-Token", token), ("Content-Type", "application/json")], body: body?.bytes)
        let status = response.status
        let json = (try? JSONParser.parse(response.body)) ?? .null
        guard (200..<300).contains(status) else {
            throw CloudAccessError("\(method) \(url) answered \(status): \(json["NeutronError"]?["message"]?.string ?? json.text)")
        }
        return (status, json)
    }

    private func find(_ collection: String, _ name: String, _ base: String, _ token: String) async throws -> String? {
        let (_, json) = try await send("GET", "\(base)/\(collection)?name=\(name)", token, nil)
        return json[collection]?.array?.first?["id"]?.string
    }

    private func create(_ collection: String, _ member: String, _ base: String, _ token: String, _ body: JSONObject) async throws -> String {
        let (_, json) = try await send("POST", "\(base)/\(collection)", token, .object(JSONObject([(member, .object(body))])))
        guard let id = json[member]?["id"]?.string else { throw CloudAccessError("POST \(collection): no id in the answer") }
        return id
    }

    private func waitForAnswer(_ base: String, token: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        var last = "no answer"
        while ContinuousClock.now < deadline {
            do {
                _ = try await send("GET", "\(base)/networks?limit=1", token, nil)
                return
            } catch {
                last = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CloudAccessError("the network service at \(base) did not answer within \(timeout): \(last); see the network.out log of ctl")
    }
}
