import Hummingbird
import OpenStackAPI

/// `GET /internal/v1/instances/{id}/metadata` (admin only): everything the metadata service renders for one
/// instance, in one answer. Ports, fixed and floating addresses are read live from Networking (so a floating IP
/// shows as soon as it is associated), falling back to the network info cache when Networking does not answer.
///
/// `ec2_id` is the stable integer behind EC2's `i-%08x`: the first 32 bits of the instance UUID (so `i-` + its
/// first eight hex digits), the same across restarts and hosts without a counter in the database.
struct MetadataSourceRoutes {
    let store: ComputeStore
    let drivers: Drivers

    func add(to router: Router<APIRequestContext>) {
        let store = store, networks = drivers.networks
        router.get("/internal/v1/instances/:id/metadata") { _, context in
            try context.requireAdmin("compute:internal")
            let id = try context.parameters.require("id")
            let instance = try await store.instance(id, Caller(userID: "", projectID: "", isAdmin: true))
            guard instance.vmState != .deleted else { throw ComputeError.serverNotFound(id) }
            let ports = (try? await Self.livePorts(id, networks)) ?? Self.cachedPorts(instance)
            return JSONResponse.make(status: 200, body: ["metadata": Self.body(instance, ports: ports)])
        }
    }

    /// The stable integer of an instance for `i-%08x` (see the type's comment).
    static func ec2ID(_ uuid: String) -> Int {
        Int(uuid.replacingOccurrences(of: "-", with: "").prefix(8), radix: 16) ?? 0
    }

    static func body(_ i: Instance, ports: [JSON]) -> JSON {
        [
            "uuid": .string(i.id), "ec2_id": .int(ec2ID(i.id)), "name": .string(i.name), "hostname": .string(i.hostname),
            "project_id": .string(i.projectID), "user_id": .string(i.userID), "availability_zone": .string(i.availabilityZone ?? "nova"),
            "launch_index": .int(i.launchIndex), "reservation_id": .string(i.reservationID),
            "flavor": ["id": .string(i.flavor.id), "name": .string(i.flavor.name)], "image_id": .string(i.imageID),
            "key_name": .optional(i.keyName), "key_data": .optional(i.keyData), "user_data": .optional(i.userData),
            "metadata": ServerView.metadata(i.metadata), "security_groups": .array(ServerView.groups(i).compactMap { $0["name"] }),
            "created_at": .string(ComputeClock.iso(i.createdAt)), "password": .string(i.password), "ports": .array(ports),
        ]
    }

    /// The instance's ports from Networking, each with its network's MTU, its fixed IPs with their subnets, and
    /// the floating IPs on it.
    static func livePorts(_ id: String, _ networks: NetworkClient) async throws -> [JSON] {
        var result: [JSON] = []
        var mtus: [String: JSON] = [:], subnets: [String: JSON] = [:]
        for port in try await networks.ports(of: id) {
            guard let portID = port["id"]?.string, let networkID = port["network_id"]?.string else { continue }
            if mtus[networkID] == nil {
                let network = try await networks.get("/v2.0/networks/\(networkID)")
                mtus[networkID] = network.body["network"]?["mtu"] ?? .null
            }
            var fixed: [JSON] = []
            for ip in port["fixed_ips"]?.array ?? [] {
                guard let address = ip["ip_address"]?.string, let subnetID = ip["subnet_id"]?.string else { continue }
                if subnets[subnetID] == nil {
                    subnets[subnetID] = try await networks.get("/v2.0/subnets/\(subnetID)").body["subnet"] ?? .null
                }
                let s = subnets[subnetID] ?? .null
                fixed.append(["ip_address": .string(address), "subnet_id": .string(subnetID), "cidr": s["cidr"] ?? .null,
                              "ip_version": s["ip_version"] ?? .int(address.contains(":") ? 6 : 4), "gateway_ip": s["gateway_ip"] ?? .null,
                              "enable_dhcp": s["enable_dhcp"] ?? .bool(true), "dns_nameservers": s["dns_nameservers"] ?? [],
                              "host_routes": s["host_routes"] ?? []])
            }
            let answer = try await networks.get("/v2.0/floatingips?port_id=\(portID)")
            guard answer.ok else { throw ComputeError(.unavailable, "floating IPs of \(portID): \(answer.status)") }
            let floating = (answer.body["floatingips"]?.array ?? []).compactMap { $0["floating_ip_address"]?.string }
            result.append(["id": .string(portID), "mac_address": port["mac_address"] ?? "", "network_id": .string(networkID),
                           "mtu": mtus[networkID] ?? .null, "fixed_ips": .array(fixed), "floating_ips": .array(floating.map(JSON.string))])
        }
        return result
    }

    /// Ports rebuilt from the info cache (by MAC) when Networking does not answer: no ids, subnets or MTU.
    static func cachedPorts(_ i: Instance) -> [JSON] {
        var macs: [String] = []
        var fixed: [String: [JSON]] = [:], floating: [String: [JSON]] = [:]
        for network in i.addresses {
            for a in network.addresses {
                if !macs.contains(a.mac) { macs.append(a.mac) }
                if a.type == "floating" { floating[a.mac, default: []].append(.string(a.addr)) } else {
                    fixed[a.mac, default: []].append(["ip_address": .string(a.addr), "ip_version": .int(a.version), "enable_dhcp": true])
                }
            }
        }
        return macs.map { mac in
            ["id": .null, "mac_address": .string(mac), "network_id": .null, "mtu": .null,
             "fixed_ips": .array(fixed[mac] ?? []), "floating_ips": .array(floating[mac] ?? [])]
        }
    }
}
