public import Foundation
import OVSDB
public import OVSDBTestSupport

/// `ovnstack serve identity`, `network` and `image` as real processes over real NB and SB
/// ovsdb-servers (the SB with two gateway chassis), everything in one temporary directory.
public final class ProcessCloud: @unchecked Sendable {
    /// The root directory (state directories and logs).
    public let directory: URL
    /// The Northbound ovsdb-server.
    public let nbServer: TestOVSDBServer
    /// The Southbound ovsdb-server.
    public let sbServer: TestOVSDBServer
    /// The identity process.
    public let identity: ServiceProcess
    /// The networking process (replaced by ``restartNetwork()``).
    public private(set) var network: ServiceProcess
    /// The image process.
    public let image: ServiceProcess
    private var networkStarts = 0

    /// Starts the databases and both services.
    public static func start() async throws -> ProcessCloud {
        let directory = try makeTemporaryDirectory("ovnstack-cloud")
        let nb = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        let sb = try TestOVSDBServer(schema: TestOVSDBServer.southboundSchema)
        for (n, name) in ["gw-1", "gw-2"].enumerated() {
            try sb.tool("ovn-sbctl", ["chassis-add", name, "geneve", "127.0.2.\(n + 1)", "--", "set", "Chassis", name,
                                      "other_config:ovn-cms-options=enable-chassis-as-gw", "other_config:ovn-bridge-mappings=physnet1:br-ex"])
        }
        let identity = try await ServiceProcess.start("identity", [
            "--state-dir", directory.appendingPathComponent("identity").path, "--listen", "127.0.0.1:0", "--service", "network:9696",
        ], logFile: directory.appendingPathComponent("identity.log"))
        let network: ServiceProcess, image: ServiceProcess
        do {
            network = try await startNetwork(directory, nb: nb, sb: sb, identity: identity, n: 0)
        } catch {
            await identity.stop()
            throw error
        }
        do {
            image = try await ServiceProcess.start("image", [
                "--state-dir", directory.appendingPathComponent("image").path, "--listen", "127.0.0.1:0", "--identity-url", identity.url,
                "--identity-password-file", directory.appendingPathComponent("identity/admin-password").path,
            ], logFile: directory.appendingPathComponent("image.log"))
        } catch {
            await network.stop()
            await identity.stop()
            throw error
        }
        return ProcessCloud(directory: directory, nb: nb, sb: sb, identity: identity, network: network, image: image)
    }

    private init(directory: URL, nb: TestOVSDBServer, sb: TestOVSDBServer, identity: ServiceProcess, network: ServiceProcess, image: ServiceProcess) {
        self.directory = directory
        nbServer = nb
        sbServer = sb
        self.identity = identity
        self.network = network
        self.image = image
    }

    private static func startNetwork(_ directory: URL, nb: TestOVSDBServer, sb: TestOVSDBServer, identity: ServiceProcess, n: Int) async throws -> ServiceProcess {
        try await ServiceProcess.start("network", [
            "--state-dir", directory.appendingPathComponent("network").path, "--listen", "127.0.0.1:0",
            "--nb", "unix:\(nb.socketPath)", "--sb", "unix:\(sb.socketPath)", "--identity-url", identity.url,
            "--identity-password-file", directory.appendingPathComponent("identity/admin-password").path,
            "--flat-network", "physnet1", "--repair-interval", "3600",
        ], logFile: directory.appendingPathComponent("network-\(n).log"))
    }

    /// The admin password the identity service generated.
    public func adminPassword() throws -> String {
        try String(contentsOf: directory.appendingPathComponent("identity/admin-password"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The demo password the identity service generated.
    public func demoPassword() throws -> String {
        try String(contentsOf: directory.appendingPathComponent("identity/demo-password"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the networking process and starts a new one on the same database, NB and SB (its start runs a full repair).
    public func restartNetwork() async throws {
        await network.stop()
        networkStarts += 1
        network = try await Self.startNetwork(directory, nb: nbServer, sb: sbServer, identity: identity, n: networkStarts)
    }

    /// Stops every process and removes the directories.
    public func stop() async {
        await image.stop()
        await network.stop()
        await identity.stop()
        nbServer.destroy()
        sbServer.destroy()
        try? FileManager.default.removeItem(at: directory)
    }
}
