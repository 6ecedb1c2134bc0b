import OpenStackAPI

/// The agent's side of the compute API's `/internal/v1` channel: register and heartbeat the host, read the
/// instances scheduled here, report what each one is doing.
struct ComputeChannel: Sendable {
    /// What the agent tells the API about one instance.
    struct Report: Sendable, Equatable {
        var powerState: Int
        var generation: Int
        var ports: [(id: String, created: Bool)]
        var fault: (message: String, details: String)?
        var deleted = false

        static func == (a: Report, b: Report) -> Bool {
            a.powerState == b.powerState && a.generation == b.generation && a.deleted == b.deleted
                && a.ports.map(\.id) == b.ports.map(\.id) && a.fault?.message == b.fault?.message
        }
    }

    let client: ServiceClient
    let configuration: AgentConfiguration

    private var base: String { configuration.computeURL.replacingOccurrences(of: "/v2.1", with: "") + "/internal/v1" }

    /// Registers the hypervisor and its service, or renews its heartbeat.
    func register(agentURL: String) async throws {
        let c = configuration
        let body: JSON = ["host": [
            "hypervisor_hostname": .string(c.host), "availability_zone": .string(c.availabilityZone), "vcpus": .int(c.vcpus),
            "memory_mb": .int(c.memoryMB), "local_gb": .int(c.diskGB), "agent_url": .string(agentURL), "host_ip": .string(c.hostIP)]]
        let answer = try await client.call(.PUT, "\(base)/hosts/\(c.host)", body: body, timeout: .seconds(10))
        guard answer.ok else { throw AgentError.compute("registering host \(c.host) answered \(answer.status)") }
    }

    /// The instances the API has scheduled to this host.
    func instances() async throws -> [InstanceSpec] {
        let answer = try await client.call(.GET, "\(base)/hosts/\(configuration.host)/instances", timeout: .seconds(10))
        guard answer.ok, case .array(let items)? = answer.body["instances"] else {
            throw AgentError.compute("listing the instances of \(configuration.host) answered \(answer.status)")
        }
        return items.compactMap(Self.spec)
    }

    /// Reports one instance; false when the API no longer knows it (404).
    func report(_ id: String, _ report: Report) async throws -> Bool {
        var status: JSONObject = [
            "power_state": .int(report.powerState), "generation": .int(report.generation), "deleted": .bool(report.deleted),
            "ports": .array(report.ports.map { ["port_id": .string($0.id), "created": .bool($0.created)] }),
        ]
        status["fault"] = report.fault.map { ["message": .string($0.message), "details": .string($0.details)] } ?? .null
        let answer = try await client.call(.PUT, "\(base)/instances/\(id)/status", body: ["status": .object(status)], timeout: .seconds(10))
        if answer.status == 404 { return false }
        guard answer.ok else { throw AgentError.compute("reporting instance \(id) answered \(answer.status)") }
        return true
    }

    /// A spec from its wire form; nil for an entry missing what the agent needs.
    static func spec(_ json: JSON) -> InstanceSpec? {
        guard let id = json["id"]?.string, let desired = json["desired"]?.string.flatMap(InstanceSpec.Desired.init(rawValue:)),
              let flavor = json["flavor"] else { return nil }
        let networks = (json["requested_networks"]?.array ?? []).map {
            InstanceSpec.RequestedNetwork(networkID: $0["network_id"]?.string, fixedIP: $0["fixed_ip"]?.string, portID: $0["port_id"]?.string)
        }
        return InstanceSpec(
            id: id, name: json["name"]?.string ?? id, hostname: json["hostname"]?.string ?? "host-\(id.prefix(8))",
            projectID: json["project_id"]?.string ?? "", availabilityZone: json["availability_zone"]?.string ?? "nova",
            desired: desired, generation: json["generation"]?.int ?? 1,
            action: json["action"]?.string.flatMap(InstanceSpec.Action.init(rawValue:)), imageID: json["image_id"]?.string ?? "",
            flavor: .init(vcpus: flavor["vcpus"]?.int ?? 1, ramMB: flavor["ram"]?.int ?? 512, diskGB: flavor["disk"]?.int ?? 1),
            keyData: json["key_data"]?.string, requestedNetworks: networks,
            securityGroups: (json["security_groups"]?.array ?? []).compactMap(\.string))
    }
}
