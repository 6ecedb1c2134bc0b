import Deploy
import Foundation
import Identity

/// The host shell's access to a cluster's APIs: once identity answers on 127.0.0.1, its clouds.yaml
/// entries (`<cluster>` admin, `<cluster>-demo`) and `<state>/admin-openrc.sh`; `forget` removes them.
struct CloudAccess {
    let layout: StateLayout
    let cluster: String

    /// Waits for `GET /v3` to answer, then writes the clouds.yaml entries and the openrc; returns the auth URL.
    func publish(into clouds: URL, timeout: Duration = .seconds(30)) async throws -> String {
        guard let state = try ClusterState.load(layout) else { throw CloudAccessError("no \(layout.clusterFile)") }
        let authURL = "http://127.0.0.1:\(state.ports.identity)/v3"
        try await waitForAnswer(authURL, timeout: timeout)
        let credentials = try BootstrapCredentials.load(stateDirectory: URL(fileURLWithPath: layout.identityDir(state.spec.controlNode.name)))
        let entries = CloudEntry.cluster(cluster, authURL: authURL, credentials: credentials)
        try CloudsFile.merge(entries, into: clouds)
        guard FileManager.default.createFile(atPath: layout.openrcFile, contents: Data(entries[0].openrc.utf8), attributes: [.posixPermissions: 0o600]),
            FileManager.default.createFile(atPath: layout.cloudsRecordFile, contents: Data(clouds.path.utf8))
        else { throw CloudAccessError("cannot write \(layout.openrcFile)") }
        return authURL
    }

    /// Removes the cluster's entries from `clouds` and from the clouds.yaml `up` recorded (read before the state goes).
    func forget(_ clouds: URL) throws -> [String] {
        var files = [clouds.standardizedFileURL.path]
        if let recorded = try? String(contentsOfFile: layout.cloudsRecordFile, encoding: .utf8), !files.contains(recorded) { files.append(recorded) }
        var removed: [String] = []
        for path in files where FileManager.default.fileExists(atPath: path) {
            try CloudsFile.remove([cluster, "\(cluster)-demo"], from: URL(fileURLWithPath: path))
            removed.append(path)
        }
        return removed
    }

    private func waitForAnswer(_ url: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        var last = "no answer"
        while ContinuousClock.now < deadline {
            do {
                let code = try await CloudHTTP.send(.GET, url, timeout: .seconds(2)).status
                if code == 200 { return }
                last = "HTTP \(code)"
            } catch {
                last = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CloudAccessError("identity at \(url) did not answer within \(timeout): \(last)")
    }
}

/// Why the cluster's clouds.yaml entries could not be written.
struct CloudAccessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
