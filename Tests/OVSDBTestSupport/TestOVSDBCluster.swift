import Foundation
import OVSDB
import ProgramRunner

/// A clustered (RAFT) database of several real `ovsdb-server`s on loopback, each in its own directory.
public final class TestOVSDBCluster: @unchecked Sendable {
    public let directory: String
    public let databaseName: String
    private let clientPorts: [Int]
    private var processes: [Int: RunningProgram] = [:]
    private let lock = NSLock()

    /// Client endpoints of every member, as `--db=tcp:…,tcp:…` would list them.
    public var endpoints: [Endpoint] { clientPorts.map { .tcp(host: "127.0.0.1", port: $0) } }

    public init(schema: String, members: Int) throws {
        directory = try TestOVSDBServer.makeTemporaryDirectory()
        databaseName = try DatabaseSchema(contentsOf: schema).name
        var raftPorts: [Int] = []
        var ports: [Int] = []
        for _ in 0..<members {
            raftPorts.append(try TestOVSDBServer.freePort())
            ports.append(try TestOVSDBServer.freePort())
        }
        clientPorts = ports
        try Program.run("ovsdb-tool", ["create-cluster", "\(directory)/db0", schema, "tcp:127.0.0.1:\(raftPorts[0])"])
        try start(0)
        for i in 1..<members {
            try Program.run("ovsdb-tool", ["join-cluster", "\(directory)/db\(i)", databaseName, "tcp:127.0.0.1:\(raftPorts[i])",
                                           "tcp:127.0.0.1:\(raftPorts[0])"])
            try start(i)
        }
        // Wait until every member has joined and one of them leads.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let roles = (0..<members).map { role(of: $0) }
            if roles.allSatisfy({ $0 == "leader" || $0 == "follower" }), roles.contains("leader") { return }
            usleep(50_000)
        }
        throw ProgramFailure(command: "cluster formation", status: 1, output: "no leader within 20 s")
    }

    /// The member's RAFT role from `cluster/status` (leader, follower, candidate), or nil.
    private func role(of i: Int) -> String? {
        let status = (try? Program.run("ovs-appctl", ["-t", "\(directory)/ctl\(i)", "cluster/status", databaseName])) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Role: ") }) else { return nil }
        return String(line.dropFirst(6))
    }

    private func start(_ i: Int) throws {
        let process = try Program.start("ovsdb-server", [
            "\(directory)/db\(i)", "--remote=ptcp:\(clientPorts[i]):127.0.0.1", "--remote=punix:\(directory)/db\(i).sock",
            "--unixctl=\(directory)/ctl\(i)", "--log-file=\(directory)/ovsdb-server\(i).log", "-vconsole:off", "--no-chdir",
        ])
        lock.withLock { processes[i] = process }
        try TestOVSDBServer.waitForTCP(port: clientPorts[i])
    }

    /// Whether the member at this endpoint is the cluster's leader now (from `cluster/status`).
    public func isLeader(_ endpoint: Endpoint) -> Bool {
        guard let i = endpoints.firstIndex(of: endpoint) else { return false }
        return role(of: i) == "leader"
    }

    /// Runs a real tool against one member.
    public func tool(on endpoint: Endpoint, _ program: String, _ arguments: [String]) throws -> String {
        try Program.run(program, ["--db=\(endpoint)"] + arguments)
    }

    /// Kills the member at this endpoint with SIGKILL.
    public func kill(_ endpoint: Endpoint) {
        guard let i = endpoints.firstIndex(of: endpoint),
            let process = lock.withLock({ processes.removeValue(forKey: i) })
        else { return }
        Foundation.kill(process.pid, SIGKILL)
        process.waitUntilExit()
    }

    /// Kills every member and removes the directory.
    public func destroy() {
        for endpoint in endpoints { kill(endpoint) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { destroy() }
}
