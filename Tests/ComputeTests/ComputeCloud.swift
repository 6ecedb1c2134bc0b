import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// A real cloud for compute tests: identity, networking (real NB/SB) and image processes from ``ProcessCloud``,
/// plus `ovnstack serve compute`; tokens for admin and demo, a public active image, and demo's network.
/// Tests play the agent's side of the contract over HTTP with the admin token.
final class ComputeCloud: @unchecked Sendable {
    let cloud: ProcessCloud
    private(set) var compute: ServiceProcess
    let adminToken: String
    let demoToken: String
    let demoProjectID: String
    let adminProjectID: String
    let imageID: String
    let vifTimeout: Double
    private var starts = 0

    var api: APIClient { compute.client }
    var network: APIClient { cloud.network.client }

    static func start(vifTimeout: Double = 300) async throws -> ComputeCloud {
        let cloud = try await ProcessCloud.start()
        do {
            let identity = cloud.identity.client
            let admin = try await identity.scopedToken(user: "admin", password: try cloud.adminPassword(), project: "admin")
            let demo = try await identity.scopedToken(user: "demo", password: try cloud.demoPassword(), project: "demo")
            let compute = try await Self.startCompute(cloud, n: 0, vifTimeout: vifTimeout)
            let image = try await Self.makeImage(cloud.image.client, token: admin.token)
            return ComputeCloud(cloud: cloud, compute: compute, admin: admin, demo: demo, imageID: image, vifTimeout: vifTimeout)
        } catch {
            await cloud.stop()
            throw error
        }
    }

    private init(cloud: ProcessCloud, compute: ServiceProcess, admin: (token: String, body: JSON), demo: (token: String, body: JSON),
                 imageID: String, vifTimeout: Double) {
        self.cloud = cloud
        self.compute = compute
        adminToken = admin.token
        demoToken = demo.token
        adminProjectID = admin.body["project"]?["id"]?.string ?? ""
        demoProjectID = demo.body["project"]?["id"]?.string ?? ""
        self.imageID = imageID
        self.vifTimeout = vifTimeout
    }

    private static func startCompute(_ cloud: ProcessCloud, n: Int, vifTimeout: Double) async throws -> ServiceProcess {
        try await ServiceProcess.start("compute", [
            "--state-dir", cloud.directory.appendingPathComponent("compute").path, "--listen", "127.0.0.1:0",
            "--identity-url", cloud.identity.url,
            "--identity-password-file", cloud.directory.appendingPathComponent("identity/admin-password").path,
            "--image-url", cloud.image.url, "--network-url", cloud.network.url, "--vif-plugging-timeout", String(vifTimeout),
        ], logFile: cloud.directory.appendingPathComponent("compute-\(n).log"))
    }

    /// Stops the compute process and starts a new one on the same state directory.
    func restartCompute() async throws {
        await compute.stop()
        starts += 1
        compute = try await Self.startCompute(cloud, n: starts, vifTimeout: vifTimeout)
    }

    /// A public, active image of a few bytes.
    private static func makeImage(_ image: APIClient, token: String) async throws -> String {
        let created = try await image.post("/v2/images", token: token, json: [
            "name": "cirros", "disk_format": "raw", "container_format": "bare", "visibility": "public"])
        guard created.status == 201, let id = created.json["id"]?.string else { throw TestFailure("image create: \(created)") }
        let upload = try await image.send("PUT", "/v2/images/\(id)/file", token: token, body: Array("disk".utf8),
                                          headers: [("Content-Type", "application/octet-stream")])
        guard upload.status == 204 else { throw TestFailure("image upload: \(upload)") }
        return id
    }

    /// A network with one IPv4 subnet, created by the holder of `token`.
    func makeNetwork(_ name: String, cidr: String, token: String) async throws -> String {
        let net = try await network.post("/v2.0/networks", token: token, json: ["network": ["name": .string(name)]])
        guard net.status == 201, let id = net.json["network"]?["id"]?.string else { throw TestFailure("network create: \(net)") }
        let subnet = try await network.post("/v2.0/subnets", token: token, json: [
            "subnet": ["network_id": .string(id), "cidr": .string(cidr), "ip_version": 4, "name": .string(name + "-subnet")]])
        guard subnet.status == 201 else { throw TestFailure("subnet create: \(subnet)") }
        return id
    }

    func stop() async {
        await compute.stop()
        await cloud.stop()
    }
}

/// Runs `body` against a fresh cloud and stops the cloud afterwards, whether `body` failed or not.
func withComputeCloud(vifTimeout: Double = 300, _ body: (ComputeCloud) async throws -> Void) async throws {
    let cloud = try await ComputeCloud.start(vifTimeout: vifTimeout)
    do {
        try await body(cloud)
    } catch {
        await cloud.stop()
        throw error
    }
    await cloud.stop()
}
