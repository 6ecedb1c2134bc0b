import Foundation
import OpenStackAPI
import OpenStackAPITesting

/// Makes one demo instance the way the cloud would: demo's network and keypair, `POST /servers` with user data
/// and metadata, then the agent's part (register the host, create the port in Networking, report it running).
struct InstanceBuilder {
    let cloud: ProcessCloud
    let compute: APIClient
    let admin: String
    let demo: String
    let demoProject: String

    /// What was made.
    struct Built {
        var server: String
        var port: String
        var network: String
        var publicKey: String
    }

    static let userData = "#!/bin/sh\necho hello from user data\n"

    func build() async throws -> Built {
        let host = try await compute.put("/internal/v1/hosts/c1", token: admin, json: ["host": [
            "hypervisor_hostname": "c1", "availability_zone": "nova", "vcpus": 8, "memory_mb": 8192, "local_gb": 100,
            "agent_url": "http://127.0.0.1:9", "host_ip": "10.99.0.11"]])
        guard host.status == 200 else { throw TestFailure("host register: \(host)") }
        let networking = cloud.network.client
        let net = try await networking.post("/v2.0/networks", token: demo, json: ["network": ["name": "demo-net"]])
        guard let network = net.json["network"]?["id"]?.string else { throw TestFailure("network: \(net)") }
        let subnet = try await networking.post("/v2.0/subnets", token: demo, json: ["subnet": [
            "network_id": .string(network), "cidr": "10.0.0.0/24", "ip_version": 4, "name": "demo-subnet",
            "dns_nameservers": ["10.0.0.53"]]])
        guard subnet.status == 201 else { throw TestFailure("subnet: \(subnet)") }
        let keypair = try await compute.post("/v2.1/os-keypairs", token: demo, json: ["keypair": ["name": "k1"]])
        guard let publicKey = keypair.json["keypair"]?["public_key"]?.string else { throw TestFailure("keypair: \(keypair)") }
        let create = try await compute.post("/v2.1/servers", token: demo, json: ["server": [
            "name": "vm1", "imageRef": .string(try await image()), "flavorRef": "1", "key_name": "k1",
            "metadata": ["meta1": "data1", "meta2": "data2"], "user_data": .string(Data(Self.userData.utf8).base64EncodedString())]])
        guard let server = create.json["server"]?["id"]?.string else { throw TestFailure("server create: \(create)") }
        let port = try await networking.post("/v2.0/ports", token: admin, json: ["port": [
            "network_id": .string(network), "device_id": .string(server), "device_owner": "compute:nova", "project_id": .string(demoProject)]])
        guard let portID = port.json["port"]?["id"]?.string else { throw TestFailure("port: \(port)") }
        let report = try await compute.put("/internal/v1/instances/\(server)/status", token: admin, json: ["status": [
            "power_state": 1, "generation": 1, "ports": [["port_id": .string(portID), "created": true]], "fault": .null, "deleted": false]])
        guard report.status == 200 else { throw TestFailure("status report: \(report)") }
        return Built(server: server, port: portID, network: network, publicKey: publicKey)
    }

    /// A public, active image of a few bytes.
    private func image() async throws -> String {
        let client = cloud.image.client
        let created = try await client.post("/v2/images", token: admin, json: [
            "name": "cirros", "disk_format": "raw", "container_format": "bare", "visibility": "public"])
        guard let id = created.json["id"]?.string else { throw TestFailure("image create: \(created)") }
        let upload = try await client.send("PUT", "/v2/images/\(id)/file", token: admin, body: Array("disk".utf8),
                                           headers: [("Content-Type", "application/octet-stream")])
        guard upload.status == 204 else { throw TestFailure("image upload: \(upload)") }
        return id
    }
}
