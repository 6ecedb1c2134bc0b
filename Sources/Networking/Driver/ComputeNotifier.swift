import Logging
import OpenStackAPI

/// Sends `ServerEvent`s to Compute's `os-server-external-events` with the service token, batched the way
/// Neutron's notifier batches them (here within 50 ms rather than 2 s: an instance waits for its plug event).
/// Best effort, as in Neutron: an event Compute could not take is logged, never retried forever.
actor ComputeNotifier {
    private let url: String
    private let client: ServiceClient
    private let logger: Logger
    private var pending: [ServerEvent] = []
    private var flushing = false

    /// A notifier for the compute endpoint `computeURL` (e.g. `http://127.0.0.1:8774/v2.1`).
    init(computeURL: String, client: ServiceClient, logger: Logger) {
        url = (computeURL.hasSuffix("/") ? String(computeURL.dropLast()) : computeURL) + "/os-server-external-events"
        self.client = client
        self.logger = logger
    }

    /// Queues events; they leave within about 50 ms.
    func send(_ events: [ServerEvent]) {
        guard !events.isEmpty else { return }
        pending += events
        guard !flushing else { return }
        flushing = true
        Task { await flush() }
    }

    private func flush() async {
        try? await Task.sleep(for: .milliseconds(50))
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let body: JSON = ["events": .array(batch.map {
                ["name": .string($0.name), "server_uuid": .string($0.serverID), "status": .string($0.status), "tag": .string($0.tag)]
            })]
            do {
                let answer = try await client.call(.POST, url, body: body, headers: [("OpenStack-API-Version", "compute 2.1")],
                                                   timeout: .seconds(10))
                if !answer.ok && answer.status != 404 {
                    logger.warning("compute refused server events", metadata: ["status": "\(answer.status)", "events": "\(batch.count)"])
                }
            } catch {
                logger.warning("compute did not take server events", metadata: ["error": "\(error)", "events": "\(batch.count)"])
            }
        }
        flushing = false
    }
}
