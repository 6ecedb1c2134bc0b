import Foundation
import Logging

/// The networking service's one owner of state: the in-memory resources and `commit(batch)` — SQLite first
/// (the source of truth), then memory, then the Northbound through the driver. Decisions are made inside
/// it on the current state, so that checks and allocations never race; everything else reads snapshots.
actor NetworkingStore {
    private let database: NetworkingDatabase
    private let driver: NBDriver
    private let settings: NetworkingConfiguration
    private let ids: IDSource
    private let logger: Logger
    private let notifier: ComputeNotifier?
    private var state = NetworkingState()

    /// Opens the database in the configured state directory and loads every resource.
    init(settings: NetworkingConfiguration, driver: NBDriver, ids: IDSource, notifier: ComputeNotifier? = nil, logger: Logger) throws {
        self.settings = settings
        self.notifier = notifier
        self.driver = driver
        self.ids = ids
        self.logger = logger
        database = try NetworkingDatabase(directory: settings.stateDirectory)
        state.apply(try database.loadAll())
        // Networks stored before RBAC policies were kept get the `*` policies their `shared`/`router:external` mean,
        // once (later, an external network may rightly have no policy left: Neutron keeps it external while it has gateways).
        if try !database.hasUpgrade("rbac-policies") {
            let loaded = NetworkingRules(state: state, settings: settings, ids: ids, gatewayChassis: driver.gatewayChassis)
            let batch = loaded.missingWildcardPolicies() ?? Batch()
            try database.write(batch, upgrade: "rbac-policies")
            state.apply(batch)
        }
    }

    /// The current state, for reads and rendering (a copy-on-write value: cheap, and never torn).
    var snapshot: NetworkingState { state }

    /// Decides on the current state and commits what was decided; answers the decision's result.
    /// A `precondition` (`If-Match`) is checked on the same state, so no other change can come between.
    func change<Result: Sendable>(_ precondition: RevisionPrecondition? = nil,
                                  _ decide: @Sendable (NetworkingRules) throws -> Decision<Result>) async throws -> Result {
        try precondition?.check(state)
        let decision = try decide(rules)
        try await commit(decision.batch)
        return decision.result
    }

    /// Commits a batch, if the rules produced one (status changes, default groups, gateway moves).
    func changeIfNeeded(_ decide: @Sendable (NetworkingRules) -> Batch?) async throws {
        guard let batch = decide(rules) else { return }
        try await commit(batch)
    }

    private var rules: NetworkingRules {
        NetworkingRules(state: state, settings: settings, ids: ids, gatewayChassis: driver.gatewayChassis)
    }

    /// SQLite first (all of the batch or none), then memory, then the Northbound (which may lag: see `NBDriver`),
    /// then the events Compute is told of.
    private func commit(_ batch: Batch) async throws {
        do {
            try database.write(batch)
        } catch {
            logger.error("database write failed", metadata: ["error": "\(error)"])
            throw NetworkingError(.internalError, "HTTPInternalServerError", "Request Failed: internal server error while processing your request.")
        }
        // What the batch replaces is read before it is applied (no copy of the whole state).
        let replaced = NBChanges.Replaced(batch, in: state)
        state.apply(batch)
        await driver.write(NBChanges.intents(for: batch, replacing: replaced, in: state, translation: driver.translation))
        if let notifier {
            await notifier.send(ServerEvent.derive(batch, oldPorts: replaced.ports, oldFloatingIPs: replaced.floatingIPs, state: state))
        }
    }

    /// Compares the whole Northbound with the database and repairs any difference; the number of NB rows changed.
    @discardableResult
    func repair() async throws -> Int {
        try await driver.repair(NBChanges.allIntents(state, translation: driver.translation))
    }
}
