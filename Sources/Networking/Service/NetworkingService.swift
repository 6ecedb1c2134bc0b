import Foundation
import Hummingbird
public import Logging
public import OpenStackAPI
import OVSDB

/// The networking service: connects to the Northbound, loads the database, repairs the Northbound
/// from it, then serves the API while following port status and re-checking for drift periodically.
public struct NetworkingService: Sendable {
    public let configuration: NetworkingConfiguration
    private let validator: any TokenValidator
    private let ids: IDSource
    private let serviceToken: ServiceToken?

    /// A service validating tokens with `validator` (a caching remote validator in production); `ids` hands out
    /// new resource ids (random UUIDs; a replay of a recorded scenario hands out the recorded ones);
    /// `serviceToken` authenticates the events sent to `configuration.computeURL`.
    public init(configuration: NetworkingConfiguration, validator: any TokenValidator, ids: IDSource = .random,
                serviceToken: ServiceToken? = nil) {
        self.configuration = configuration
        self.validator = validator
        self.ids = ids
        self.serviceToken = serviceToken
    }

    /// Serves until cancelled; `onReady` gets the bound port once the Northbound is in line with the database.
    public func run(logger: Logger = Logger(label: "ovnstack.network"), onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let nb = try await Self.connect(configuration, logger: logger)
        do {
            try await serve(nb, logger: logger, onReady: onReady)
        } catch {
            await nb.close()  // also when cancelled: a stopped service leaves no connection behind
            throw error
        }
        await nb.close()
    }

    private func serve(_ nb: NBSync, logger: Logger, onReady: @escaping @Sendable (Int) async -> Void) async throws {
        let driver = NBDriver(nb: nb, settings: configuration, logger: logger)
        let notifier = configuration.computeURL.flatMap { url in
            serviceToken.map { ComputeNotifier(computeURL: url, client: ServiceClient(token: $0), logger: logger) }
        }
        let store = try NetworkingStore(settings: configuration, driver: driver, ids: ids, notifier: notifier, logger: logger)
        try await store.repair()
        try? await store.changeIfNeeded { $0.rebalancedGateways() }
        let interval = configuration.repairInterval
        let agents = AgentWatcher(nb: nb, downTime: configuration.agentDownTime)
        let api = NetworkingAPI(store: store, agents: agents, dnsDomain: configuration.dnsDomain)
        let app = APIServer.application(router: api.router(validator: validator), address: configuration.listen,
                                        logger: logger) { port in await onReady(port) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await PortStatusWatcher(nb: nb).run { port, up in
                    do { try await store.changeIfNeeded { $0.portStatus(port, up: up) } } catch {
                        logger.warning("port status not saved", metadata: ["port": "\(port)"])
                    }
                }
            }
            if let chassis = nb.scheduler.chassis {
                group.addTask {
                    // A gateway chassis joined or left: move router gateways accordingly.
                    for await event in chassis.events() where event.table == "Chassis" {
                        if case .modify(_, let old, let new) = event, old["other_config"] == new["other_config"],
                           old["external_ids"] == new["external_ids"] { continue }
                        do { try await store.changeIfNeeded { $0.rebalancedGateways() } } catch {
                            logger.warning("gateway rebalance not saved", metadata: ["error": "\(error)"])
                        }
                    }
                }
            }
            group.addTask {
                // A full check every `interval`, and within a second after a write the Northbound missed.
                var last = ContinuousClock.now
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(1))
                    guard await driver.isBehind || ContinuousClock.now - last >= interval else { continue }
                    last = ContinuousClock.now
                    do { try await store.repair() } catch { logger.warning("drift repair failed", metadata: ["error": "\(error)"]) }
                }
            }
            if nb.scheduler.chassis != nil {
                group.addTask { await agents.run() }  // returns only when cancelled, as every task of the group must
            }
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Connects to the Northbound, waiting up to 30 s for it to come up.
    static func connect(_ configuration: NetworkingConfiguration, logger: Logger) async throws -> NBSync {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            do {
                return try await NBSync.connect(configuration.northbound, southbound: configuration.southbound)
            } catch {
                if ContinuousClock.now > deadline { throw error }
                logger.info("waiting for the Northbound database", metadata: ["error": "\(error)"])
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
