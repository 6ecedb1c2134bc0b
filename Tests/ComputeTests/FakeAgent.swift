import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// The agent's side of the contract, played over HTTP with the admin token: register a host, read its specs,
/// create the instance's port in Networking, report status, and send the vif-plugged event as Networking would.
struct FakeAgent {
    let cloud: ComputeCloud
    let host: String

    /// `PUT /internal/v1/hosts/{host}`.
    @discardableResult
    func register(vcpus: Int = 8, memoryMB: Int = 8192, localGB: Int = 100, zone: String = "nova",
                  agentURL: String = "http://127.0.0.1:9") async throws -> APIResponse {
        let r = try await cloud.api.put("/internal/v1/hosts/\(host)", token: cloud.adminToken, json: ["host": [
            "hypervisor_hostname": .string(host), "availability_zone": .string(zone), "vcpus": .int(vcpus), "memory_mb": .int(memoryMB),
            "local_gb": .int(localGB), "agent_url": .string(agentURL), "host_ip": "10.99.0.11"]])
        #expect(r.status == 200, "\(r)")
        return r
    }

    /// The specs of the host's instances.
    func specs() async throws -> [JSON] {
        let r = try await cloud.api.get("/internal/v1/hosts/\(host)/instances", token: cloud.adminToken)
        #expect(r.status == 200, "\(r)")
        return r.json["instances"]?.array ?? []
    }

    func spec(_ id: String) async throws -> JSON? { try await specs().first { $0["id"]?.string == id } }

    /// Creates the port of `server` on `network` in Networking (as nova-compute's agent does).
    func createPort(server: String, network: String, project: String) async throws -> String {
        let r = try await cloud.network.post("/v2.0/ports", token: cloud.adminToken, json: ["port": [
            "network_id": .string(network), "device_id": .string(server), "device_owner": "compute:nova",
            "project_id": .string(project)]])
        guard r.status == 201, let id = r.json["port"]?["id"]?.string else { throw TestFailure("port create: \(r)") }
        return id
    }

    /// `PUT /internal/v1/instances/{id}/status`.
    @discardableResult
    func report(_ id: String, power: Int, generation: Int, ports: [String]? = nil, fault: String? = nil, deleted: Bool = false) async throws -> APIResponse {
        var status: JSONObject = ["power_state": .int(power), "generation": .int(generation), "deleted": .bool(deleted),
                                  "fault": fault.map { ["message": .string($0), "details": "trace"] } ?? .null]
        if let ports { status["ports"] = .array(ports.map { ["port_id": .string($0), "created": true] }) }
        return try await cloud.api.put("/internal/v1/instances/\(id)/status", token: cloud.adminToken, json: ["status": .object(status)])
    }

    /// `network-vif-plugged` for a port, as Networking sends it.
    @discardableResult
    func plugged(_ id: String, port: String, status: String = "completed") async throws -> APIResponse {
        try await cloud.api.post("/v2.1/os-server-external-events", token: cloud.adminToken, json: ["events": [[
            "name": "network-vif-plugged", "server_uuid": .string(id), "status": .string(status), "tag": .string(port)]]])
    }
}

/// Polls `GET /servers/{id}` until `check` holds (or 10 s pass) and returns the last body.
func waitForServer(_ cloud: ComputeCloud, _ id: String, token: String, _ check: (JSON) -> Bool) async throws -> JSON {
    var last = JSON.null
    for _ in 0..<100 {
        last = try await cloud.api.get("/v2.1/servers/\(id)", token: token).json["server"] ?? .null
        if check(last) { return last }
        try await Task.sleep(for: .milliseconds(100))
    }
    return last
}
