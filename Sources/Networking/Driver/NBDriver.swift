import Logging

/// The networking service's outside effect: intents written to the Northbound as one transaction each, an API
/// call waiting at most `writeTimeout` for it (the database has the change; a missed write is finished by the
/// repair pass within a second), and the full comparison that repairs drift.
actor NBDriver {
    nonisolated let nb: NBSync
    nonisolated let translation: NBTranslation
    private let writeTimeout: Duration
    private let logger: Logger
    /// A write that did not reach the Northbound: the next repair pass is due now.
    private(set) var isBehind = false

    init(nb: NBSync, settings: NetworkingConfiguration, logger: Logger) {
        self.nb = nb
        translation = NBTranslation(dnsServers: settings.dnsServers, dnsDomain: settings.dnsDomain)
        writeTimeout = settings.nbWriteTimeout
        self.logger = logger
    }

    /// The Southbound's gateway chassis, by name.
    nonisolated var gatewayChassis: @Sendable () -> [GatewayChassis] { { [nb] in nb.scheduler.candidates() } }

    /// Writes the intents of one commit.
    func write(_ intents: [NBIntent]) async {
        guard !intents.isEmpty else { return }
        do {
            try await Deadline.run(within: writeTimeout) { [nb] in _ = try await nb.apply(intents) }
        } catch {
            isBehind = true
            logger.warning("Northbound write failed; the repair pass will retry it", metadata: ["error": "\(error)"])
        }
    }

    /// Brings the Northbound in line with the whole desired state; the number of operations that took.
    func repair(_ intents: [NBIntent]) async throws -> Int {
        // Cleared first: a write that fails while this pass runs sets it again and is not forgotten.
        isBehind = false
        do {
            return try await nb.apply(intents, prune: true)
        } catch {
            isBehind = true
            throw error
        }
    }
}
