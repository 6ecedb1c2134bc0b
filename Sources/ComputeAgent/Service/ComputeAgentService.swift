import Foundation
public import Logging
public import OpenStackAPI

/// The compute agent of one node: serves its small API, registers the hypervisor and keeps its heartbeat,
/// and converges the node's instances to what the compute API wants — at every nudge and every 5 s.
public struct ComputeAgentService: Sendable {
    /// How the agent is set up.
    public let configuration: AgentConfiguration
    private let token: ServiceToken
    private let validator: any TokenValidator

    /// An agent calling the other services with `token` and checking the compute API's calls with `validator`.
    public init(configuration: AgentConfiguration, token: ServiceToken, validator: any TokenValidator) {
        self.configuration = configuration
        self.token = token
        self.validator = validator
    }

    /// Runs until cancelled; `onReady` gets the agent API's port once the host is registered.
    public func run(logger: Logger = Logger(label: "ovnstack.compute-agent"), onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let c = configuration, client = ServiceClient(token: token)
        let store = try AgentStore(directory: c.stateDirectory.appendingPathComponent("instances"))
        let guests = GuestRuntime(directory: c.stateDirectory)
        let channel = ComputeChannel(client: client, configuration: c)
        let worker = InstanceWorker(store: store, channel: channel, ports: InstancePorts(client: client, configuration: c),
                                    images: ImageCache(client: client, configuration: c), vifs: VIFPlugger(configuration: c),
                                    guests: guests, logger: logger)
        let scheduler = SyncScheduler(worker: worker)
        let trigger = SyncTrigger()
        let api = AgentAPI(guests: guests) { Task { await trigger.nudge() } }
        let (ports, portReady) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let app = APIServer.application(router: api.router(validator: validator), address: c.listen, logger: logger) { port in
            portReady.yield(port)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return }
            let agentURL = "http://\(c.advertisedHost):\(port)"
            try await Self.retry(logger: logger) { try await channel.register(agentURL: agentURL) }
            await onReady(port)
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(10))
                    do { try await channel.register(agentURL: agentURL) } catch {
                        logger.warning("heartbeat not taken", metadata: ["error": "\(error)"])
                    }
                }
            }
            group.addTask {
                // A sync at start (adopting what the node has), then within 20 ms of a nudge, or every 5 s.
                var last = ContinuousClock.now - .seconds(10)
                while !Task.isCancelled {
                    guard await trigger.take() || ContinuousClock.now - last >= .seconds(5) else {
                        try await Task.sleep(for: .milliseconds(20))
                        continue
                    }
                    last = ContinuousClock.now
                    do {
                        let specs = try await channel.instances()
                        await scheduler.sync(specs: specs, local: Set(await store.all.keys))
                    } catch {
                        logger.warning("sync failed", metadata: ["error": "\(error)"])
                    }
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Retries `body` every second for up to a minute (the compute API may still be starting).
    private static func retry(logger: Logger, _ body: () async throws -> Void) async throws {
        var last: any Error = AgentError.compute("not tried")
        for _ in 0..<60 {
            do { return try await body() } catch {
                last = error
                try await Task.sleep(for: .seconds(1))
            }
        }
        logger.error("could not register with the compute API", metadata: ["error": "\(last)"])
        throw last
    }
}
