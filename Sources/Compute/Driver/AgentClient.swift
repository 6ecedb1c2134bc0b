import Foundation
import OpenStackAPI

/// Calls to the compute agents, with the service token: `POST /sync` (best effort) and the console log.
struct AgentClient: Sendable {
    let client: ServiceClient

    /// Tells the agent at `agentURL` its instances changed; failures are ignored (the agent also polls).
    func sync(_ agentURL: String) {
        guard !agentURL.isEmpty else { return }
        let client = client
        Task { _ = try? await client.call(.POST, agentURL + "/sync", timeout: .seconds(5)) }
    }

    /// The last `length` lines of an instance's console (all when nil); nil when the agent has none.
    func console(_ agentURL: String, instance id: String, length: Int?) async throws(ComputeError) -> String? {
        let url = agentURL + "/instances/\(id)/console" + (length.map { "?length=\($0)" } ?? "")
        guard let answer = try? await client.call(.GET, url, timeout: .seconds(10)) else {
            throw .conflict("Unable to get console output: the compute host does not answer.")
        }
        guard answer.ok else { return nil }
        return answer.body["output"]?.string ?? ""
    }
}
