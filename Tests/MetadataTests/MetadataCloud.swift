import Foundation
import MetadataSecret
import OpenStackAPI
import OpenStackAPITesting
@testable import Metadata

/// A real cloud for metadata tests: identity, networking and image from ``ProcessCloud``, `ovnstack serve compute`
/// with one host registered (the test plays its agent) and one demo instance with a port, a keypair, user data and
/// server metadata, then `ovnstack serve metadata` with a random shared secret.
final class MetadataCloud: @unchecked Sendable {
    let cloud: ProcessCloud
    let compute: ServiceProcess
    let metadata: ServiceProcess
    let secret: String
    let adminToken: String
    let demoToken: String
    let demoProjectID: String
    let serverID: String
    let portID: String
    let networkID: String
    let publicKey: String

    var service: APIClient { metadata.client }

    static func start(cacheSeconds: Int = 15) async throws -> MetadataCloud {
        let cloud = try await ProcessCloud.start()
        var started: [ServiceProcess] = []
        do {
            let identity = cloud.identity.client, dir = cloud.directory
            let admin = try await identity.scopedToken(user: "admin", password: try cloud.adminPassword(), project: "admin")
            let demo = try await identity.scopedToken(user: "demo", password: try cloud.demoPassword(), project: "demo")
            let passwordFile = dir.appendingPathComponent("identity/admin-password").path
            let compute = try await ServiceProcess.start("compute", [
                "--state-dir", dir.appendingPathComponent("compute").path, "--listen", "127.0.0.1:0", "--identity-url", cloud.identity.url,
                "--identity-password-file", passwordFile, "--image-url", cloud.image.url, "--network-url", cloud.network.url,
            ], logFile: dir.appendingPathComponent("compute.log"))
            started.append(compute)
            let secret = "s3cret-" + UUID().uuidString
            let secretFile = dir.appendingPathComponent("metadata-secret")
            try Data((secret + "\n").utf8).write(to: secretFile)
            let metadata = try await ServiceProcess.start("metadata", [
                "--listen", "127.0.0.1:0", "--shared-secret-file", secretFile.path, "--compute-url", compute.url + "/v2.1",
                "--identity-url", cloud.identity.url, "--identity-password-file", passwordFile, "--cache-seconds", String(cacheSeconds),
            ], logFile: dir.appendingPathComponent("metadata.log"))
            started.append(metadata)
            let demoProject = demo.body["project"]?["id"]?.string ?? ""
            let instance = try await InstanceBuilder(cloud: cloud, compute: compute.client, admin: admin.token, demo: demo.token,
                                                     demoProject: demoProject).build()
            return MetadataCloud(cloud: cloud, compute: compute, metadata: metadata, secret: secret, admin: admin.token, demo: demo.token,
                                 demoProjectID: demoProject, instance: instance)
        } catch {
            for process in started.reversed() { await process.stop() }
            await cloud.stop()
            throw error
        }
    }

    private init(cloud: ProcessCloud, compute: ServiceProcess, metadata: ServiceProcess, secret: String, admin: String, demo: String,
                 demoProjectID: String, instance: InstanceBuilder.Built) {
        self.cloud = cloud
        self.compute = compute
        self.metadata = metadata
        self.secret = secret
        adminToken = admin
        demoToken = demo
        self.demoProjectID = demoProjectID
        serverID = instance.server
        portID = instance.port
        networkID = instance.network
        publicKey = instance.publicKey
    }

    /// The headers the metadata agent would add for `instance` of `project` (signed with `secret`).
    func headers(instance: String? = nil, project: String? = nil, secret: String? = nil) -> [(String, String)] {
        let id = instance ?? serverID
        return [("X-Instance-ID", id), ("X-Tenant-ID", project ?? demoProjectID),
                ("X-Instance-ID-Signature", SharedSecret(secret ?? self.secret).sign(id)), ("X-Forwarded-For", "10.0.0.5")]
    }

    /// `GET path` as the demo instance's guest.
    func guestGet(_ path: String) async throws -> APIResponse {
        try await service.get(path, headers: headers())
    }

    /// `POST path` with a raw body as the demo instance's guest (curl -d).
    func guestPost(_ path: String, _ body: String) async throws -> APIResponse {
        try await service.send("POST", path, body: Array(body.utf8),
                               headers: headers() + [("Content-Type", "application/x-www-form-urlencoded")])
    }

    func stop() async {
        await metadata.stop()
        await compute.stop()
        await cloud.stop()
    }
}

/// Runs `body` against a fresh metadata cloud and stops it afterwards, whether `body` failed or not.
func withMetadataCloud(cacheSeconds: Int = 15, _ body: (MetadataCloud) async throws -> Void) async throws {
    let cloud = try await MetadataCloud.start(cacheSeconds: cacheSeconds)
    do {
        try await body(cloud)
    } catch {
        await cloud.stop()
        throw error
    }
    await cloud.stop()
}
