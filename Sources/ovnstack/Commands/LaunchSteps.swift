import Foundation
import OpenStackAPI
import ProgramRunner

/// The steps of `ovnstack launch` against the cluster's APIs, each idempotent and each failure naming its cause
/// and fix: no room on any compute node, a missing image, an unreachable gateway.
struct LaunchSteps {
    let session: DemoSession
    let timeout: Duration

    /// The keypair `launch-key` of the ed25519 key in the state directory (made with ssh-keygen at first use).
    func ensureKeypair() async throws -> String {
        let file = session.keyFile, name = "launch-key"
        if !FileManager.default.fileExists(atPath: file) {
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let made = Program.probe("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ovnstack-launch", "-f", file])
            guard made.succeeded else { throw CloudAccessError("ssh-keygen failed (\(made.output)); install openssh-client") }
        }
        let publicKey = try String(contentsOfFile: file + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let (status, existing) = try await session.call(.GET, "\(session.compute)/os-keypairs/\(name)")
        if status == 200, existing["keypair"]?["public_key"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines) == publicKey { return name }
        if status == 200 { try await session.require(.DELETE, "\(session.compute)/os-keypairs/\(name)") }
        try await session.require(.POST, "\(session.compute)/os-keypairs", ["keypair": ["name": .string(name), "public_key": .string(publicKey)]])
        return name
    }

    /// Ingress ICMP and TCP 22 on the demo project's default security group (a rule that exists already is fine).
    func allowPingAndSSH() async throws {
        let groups = try await session.require(.GET, "\(session.network)/security-groups?name=default")
        guard let group = groups["security_groups"]?.array?.first?["id"]?.string else { throw CloudAccessError("the demo project has no default security group") }
        for rule: JSONObject in [["protocol": "icmp"], ["protocol": "tcp", "port_range_min": 22, "port_range_max": 22]] {
            var body = rule
            body["security_group_id"] = .string(group)
            body["direction"] = "ingress"
            body["ethertype"] = "IPv4"
            let (status, json) = try await session.call(.POST, "\(session.network)/security-group-rules", ["security_group_rule": .object(body)])
            guard (200..<300).contains(status) || status == 409 else {
                throw CloudAccessError("adding a security group rule answered \(status): \(DemoSession.message(json))")
            }
        }
    }

    /// The id of a network by name or id.
    func networkID(_ name: String) async throws -> String {
        let (status, json) = try await session.call(.GET, "\(session.network)/networks/\(name)")
        if status == 200, let id = json["network"]?["id"]?.string { return id }
        let list = try await session.require(.GET, "\(session.network)/networks?name=\(name)")
        guard let id = list["networks"]?.array?.first?["id"]?.string else { throw CloudAccessError("no network \(name); create it or pass --network") }
        return id
    }

    /// The server `name` if it exists, else a new one.
    func boot(name: String, image: String, flavor: String, network: String, key: String) async throws -> JSON {
        if let server = try await session.server(named: name) { return server }
        let images = try await session.require(.GET, "\(session.image)/images?name=\(image)")
        let imageID = images["images"]?.array?.first?["id"]?.string ?? image
        let (found, _) = try await session.call(.GET, "\(session.image)/images/\(imageID)")
        guard found == 200 else { throw CloudAccessError("no image \(image): `ovnstack up` registers cirros; or upload one and pass --image") }
        let flavors = try await session.require(.GET, "\(session.compute)/flavors/detail")
        guard let flavorID = flavors["flavors"]?.array?.first(where: { $0["name"]?.string == flavor || $0["id"]?.string == flavor })?["id"]?.string else {
            throw CloudAccessError("no flavor \(flavor); `openstack flavor list` shows them")
        }
        let body: JSON = ["server": ["name": .string(name), "imageRef": .string(imageID), "flavorRef": .string(flavorID),
                                     "networks": [["uuid": .string(network)]], "key_name": .string(key)]]
        guard let server = try await session.require(.POST, "\(session.compute)/servers", body)["server"] else {
            throw CloudAccessError("the compute API answered no server")
        }
        return server
    }

    /// Waits until the server is ACTIVE; ERROR fails with its fault and what to do about it.
    func waitActive(_ id: String) async throws -> JSON {
        try await poll("server \(id) ACTIVE") {
            let server = try await session.require(.GET, "\(session.compute)/servers/\(id)")["server"]
            switch server?["status"]?.string {
            case "ACTIVE": return server
            case "ERROR":
                let fault = server?["fault"]?["message"]?.string ?? "no fault recorded"
                let fix = fault.contains("No valid host")
                    ? "no compute node has room: delete servers or give the nodes more capacity in the cluster spec"
                    : "see `ovnstack status` and the compute-agent.out logs of the compute nodes"
                throw CloudAccessError("server \(id) is ERROR: \(fault); \(fix)")
            default: return nil
            }
        }
    }

    /// A floating IP on `public` associated with the server's port (the one it has, if any).
    func floatingIP(for id: String, server: JSON) async throws -> String {
        if let address = DemoSession.floatingIP(server) { return address }
        let ports = try await session.require(.GET, "\(session.network)/ports?device_id=\(id)")
        guard let port = ports["ports"]?.array?.first?["id"]?.string else { throw CloudAccessError("server \(id) has no port") }
        let publicID = try await networkID("public")
        let fip = try await session.require(.POST, "\(session.network)/floatingips", ["floatingip": [
            "floating_network_id": .string(publicID), "port_id": .string(port)]])
        guard let address = fip["floatingip"]?["floating_ip_address"]?.string else { throw CloudAccessError("no floating IP in the answer") }
        return address
    }

    /// Waits until compute shows the floating IP (Networking's network-changed event reached it).
    func waitAddress(_ id: String, _ address: String) async throws {
        _ = try await poll("\(address) in the addresses of \(id)") {
            let server = try await session.require(.GET, "\(session.compute)/servers/\(id)")["server"]
            return server.flatMap(DemoSession.floatingIP) == address ? true : nil
        }
    }

    /// Waits until a TCP connection to port 22 of `address` succeeds from the outside world's namespace.
    func waitSSH(_ address: String) async throws {
        do {
            _ = try await poll("ssh at \(address)") {
                let probe = await Program.probeAsync("ip", ["netns", "exec", session.externalNamespace, "timeout", "1", "bash", "-c",
                                                            "exec 3<>/dev/tcp/\(address)/22"])
                return probe.succeeded ? true : nil
            }
        } catch {
            throw CloudAccessError("\(address):22 does not answer from \(session.externalNamespace): is the gateway chassis up (`ovnstack status`), "
                                   + "and the guest booted (`openstack console log show`)?")
        }
    }

    private func poll<T>(_ what: String, _ check: () async throws -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try await check() { return value }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CloudAccessError("timed out after \(timeout) waiting for \(what)")
    }
}
