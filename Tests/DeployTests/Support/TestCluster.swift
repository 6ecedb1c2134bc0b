import Deploy
import Foundation
import ProgramRunner
import Testing

/// A throwaway cluster for one test: a unique name (`t` + 6 hex digits), its own temp state
/// directory and its own temp clouds.yaml (never the user's), driven through the real `ovnstack`
/// binary. `with` always ends with `down --purge` and removes every namespace the test added under
/// the cluster's prefix.
struct TestCluster {
    let name: String
    let stateDir: String
    let binary: String

    var layout: StateLayout { StateLayout(root: stateDir) }
    /// The clouds.yaml `up` and `down` are pointed at.
    var cloudsYaml: String { "\(stateDir)-clouds.yaml" }

    /// Whether the integration tests can run here (root, OVS/OVN installed, ovnstack built).
    static var available: Bool {
        getuid() == 0 && Program.find("ovn-controller") != nil && findBinary() != nil
    }

    static func findBinary() -> String? {
        if let env = ProcessInfo.processInfo.environment["OVNSTACK_BIN"] { return env }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ovnstack").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let built = root.appendingPathComponent(".build/debug/ovnstack").path
        return FileManager.default.isExecutableFile(atPath: built) ? built : nil
    }

    /// Runs `body` with a fresh cluster and cleans up whatever happens.
    static func with(_ body: (TestCluster) async throws -> Void) async throws {
        let name = "t" + String(UInt32.random(in: 0..<0xFF_FFFF), radix: 16).padding(toLength: 6, withPad: "0", startingAt: 0)
        let dir = "/tmp/ovnstack-test-\(name)"
        let cluster = TestCluster(name: name, stateDir: dir, binary: try #require(findBinary(), "build ovnstack first"))
        do {
            try await body(cluster)
        } catch {
            cluster.cleanUp()
            throw error
        }
        cluster.cleanUp()
    }

    /// `down --purge`, then any namespace left with the cluster's prefix (test VMs).
    func cleanUp() {
        _ = run(["down", "--purge"])
        for ns in Netns.list() where ns.hasPrefix("\(name)-") {
            for pid in Netns.pids(ns) { kill(pid, SIGKILL) }
            Netns.delete(ns)
        }
        try? FileManager.default.removeItem(atPath: stateDir)
        try? FileManager.default.removeItem(atPath: cloudsYaml)
    }

    /// Runs `ovnstack <arguments> --name <name> --state-dir <dir>` (and `--clouds-yaml` for up and down).
    @discardableResult
    func run(_ arguments: [String], extra: [String] = []) -> ProgramResult {
        let clouds = ["up", "down"].contains(arguments.first) ? ["--clouds-yaml", cloudsYaml] : []
        return Program.probe(binary, arguments + ["--name", name, "--state-dir", stateDir] + clouds + extra)
    }

    /// `up`, which must succeed.
    @discardableResult
    func up(_ more: [String] = []) throws -> String {
        let result = run(["up"] + more)
        try #require(result.succeeded, "up failed: \(result.output)\n\(log)")
        return result.output
    }

    /// `status --json`, decoded.
    func status() throws -> ClusterStatus {
        let result = run(["status", "--json"])
        let json = result.output.drop { $0 != "{" }
        return try JSONDecoder().decode(ClusterStatus.self, from: Data(json.utf8))
    }

    /// The real ovn-nbctl against the cluster.
    @discardableResult
    func nbctl(_ arguments: [String]) throws -> String {
        try Program.run(binary, ["nbctl", "--name", name, "--state-dir", stateDir] + arguments)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The real ovs-vsctl against one node.
    @discardableResult
    func vsctl(_ node: String, _ arguments: [String]) throws -> String {
        try Program.run(binary, ["vsctl", "--name", name, "--state-dir", stateDir, node] + arguments)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var log: String { (try? String(contentsOfFile: layout.supervisorLog, encoding: .utf8)) ?? "" }

    /// Polls `check` every 100 ms for up to `seconds`.
    func eventually(_ seconds: Double = 20, _ check: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? check()) == true { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
