import Foundation
import Networking
import OpenStackAPI
import OVNModel
import OVSDB
import OVSDBTestSupport

/// A networking core on a real Northbound ovsdb-server, with its own state directory.
final class TestNetworking: @unchecked Sendable {
    let server: TestOVSDBServer
    let stateDir: URL
    private(set) var nb: NBSync
    private(set) var core: NetworkingCore

    static let adminProject = "admin-project"
    static let admin = AuthContext(userID: "admin", userName: "admin", userDomainID: "default", projectID: adminProject,
                                   roles: ["admin", "member", "reader"], expiresAt: .distantFuture)
    static func member(_ project: String) -> AuthContext {
        AuthContext(userID: "u-\(project)", userName: "u-\(project)", userDomainID: "default", projectID: project,
                    roles: ["member", "reader"], expiresAt: .distantFuture)
    }

    init() async throws {
        server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        stateDir = FileManager.default.temporaryDirectory.appendingPathComponent("ovnstack-net-\(UUID().uuidString)")
        (nb, core) = try await Self.open(server, stateDir)
    }

    static func open(_ server: TestOVSDBServer, _ stateDir: URL) async throws -> (NBSync, NetworkingCore) {
        let nb = try await NBSync.connect([server.endpoint])
        let configuration = NetworkingConfiguration(stateDirectory: stateDir, listen: ListenAddress(host: "127.0.0.1", port: 0),
                                                    northbound: [server.endpoint], nbWriteTimeout: .seconds(1))
        let core = try NetworkingCore(configuration: configuration, nb: nb)
        try await core.repair()
        return (nb, core)
    }

    /// Drops the core and its connection and opens new ones on the same database and Northbound (a service restart).
    func restart() async throws {
        await nb.close()
        (nb, core) = try await Self.open(server, stateDir)
    }

    /// The Northbound rows the service owns, keyed by name/match/cidr with references as names: comparable across UUIDs.
    func northbound() -> [String: [String: String]] {
        let snapshot = nb.replica.snapshot()
        let observer = NBObserver(replica: nb.replica)
        let keys = observer.keys(snapshot)
        var out: [String: [String: String]] = [:]
        for (table, rows) in snapshot {
            for (_, row) in rows {
                let columns = row.allColumns.mapValues { ReferenceNB.render($0, keys) }
                // Rows without a name (NAT, static routes) are keyed by their whole content.
                let key = "\(table) \(row["name"]?.string ?? row["match"]?.string ?? row["cidr"]?.string ?? columns.sorted { $0.key < $1.key }.description)"
                out[key] = columns
            }
        }
        return out
    }

    /// Waits until the replica shows what `condition` expects.
    func waitNB(_ condition: @escaping @Sendable (Replica) -> Bool) async throws {
        try await nb.replica.wait(timeout: .seconds(5), until: condition)
    }

    func destroy() async {
        await nb.close()
        server.destroy()
        try? FileManager.default.removeItem(at: stateDir)
    }

    /// A network with one /24 subnet, as `project`'s member.
    func networkWithSubnet(_ name: String, cidr: String = "10.0.0.0/24", auth: AuthContext = admin) async throws -> (network: String, subnet: String) {
        let net = try await core.createNetwork(["network": ["name": .string(name)]], auth)
        let id = net["id"]!.string!
        let subnet = try await core.createSubnet(["subnet": ["network_id": .string(id), "ip_version": 4, "cidr": .string(cidr)]], auth)
        return (id, subnet["id"]!.string!)
    }
}
