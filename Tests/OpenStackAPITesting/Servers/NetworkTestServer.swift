public import Foundation
import Logging
public import Networking
import OpenStackAPI
import OVSDB
import OVSDBTestSupport

/// The real networking service in-process on 127.0.0.1 over a real NB ovsdb-server (and an SB, when asked),
/// validating tokens against the real identity service in-process, as `ovnstack serve network` does
/// (`RemoteTokenValidator` behind `CachingTokenValidator`). ``restart()`` starts a new service on the same
/// database and Northbound; ``northbound`` watches the NB through a connection of its own.
public final class NetworkTestServer: @unchecked Sendable {
    /// The Northbound ovsdb-server.
    public let nbServer: TestOVSDBServer
    /// The Southbound ovsdb-server, when the test wants gateway chassis.
    public let sbServer: TestOVSDBServer?
    /// The identity service that issues and validates the tokens.
    public let identity: IdentityTestServer
    /// The networking state directory (its SQLite database).
    public let stateDirectory: URL
    private let ids: IDSource
    /// The service's `agent_down_time` (set before the service starts).
    private var agentDownTime: TimeInterval = 75
    private var dnsDomain = "openstacklocal."
    private let lock = NSLock()
    private var task: Task<Void, any Error>?
    private var current: (client: APIClient, observer: NorthboundObserver)?
    private var cachedAdminToken: String?

    /// A client of the running service.
    public var client: APIClient { lock.withLock { current!.client } }
    /// The NB as a second client sees it.
    public var northbound: NorthboundObserver { lock.withLock { current!.observer } }

    /// Starts NB (and SB with `southbound`), identity and the networking service; `ids` hands out resource ids;
    /// `prepare` runs on the NB and SB servers before the service starts (e.g. to register chassis).
    /// `agentDownTime` is the service's `agent_down_time`, `dnsDomain` its `dns_domain`.
    public static func start(southbound: Bool = false, ids: IDSource = .random, agentDownTime: TimeInterval = 75, dnsDomain: String = "openstacklocal.",
                             prepare: (TestOVSDBServer, TestOVSDBServer?) throws -> Void = { _, _ in }) async throws -> NetworkTestServer {
        let nb = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        let sb = southbound ? try TestOVSDBServer(schema: TestOVSDBServer.southboundSchema) : nil
        try prepare(nb, sb)
        let identity = try await IdentityTestServer.start(services: [])
        let server = NetworkTestServer(nb: nb, sb: sb, identity: identity, stateDirectory: try makeTemporaryDirectory("ovnstack-net"), ids: ids)
        server.agentDownTime = agentDownTime
        server.dnsDomain = dnsDomain
        do { try await server.startService() } catch { await server.stop(); throw error }
        return server
    }

    private init(nb: TestOVSDBServer, sb: TestOVSDBServer?, identity: IdentityTestServer, stateDirectory: URL, ids: IDSource) {
        nbServer = nb
        sbServer = sb
        self.identity = identity
        self.stateDirectory = stateDirectory
        self.ids = ids
    }

    /// Runs `body` with a fresh server and tears everything down afterwards.
    public static func with<T: Sendable>(southbound: Bool = false, ids: IDSource = .random,
                                         prepare: (TestOVSDBServer, TestOVSDBServer?) throws -> Void = { _, _ in },
                                         _ body: @Sendable (NetworkTestServer) async throws -> T) async throws -> T {
        let server = try await start(southbound: southbound, ids: ids, prepare: prepare)
        let result = await outcome { try await body(server) }
        await server.stop()
        return try result.get()
    }

    private func startService() async throws {
        var configuration = NetworkingConfiguration(
            stateDirectory: stateDirectory, listen: ListenAddress(host: "127.0.0.1", port: 0), northbound: [nbServer.endpoint],
            southbound: sbServer.map { [$0.endpoint] } ?? [], dnsServers: ["8.8.8.8"], nbWriteTimeout: .seconds(1))
        configuration.agentDownTime = agentDownTime
        configuration.dnsDomain = dnsDomain
        let remote = RemoteTokenValidator(identityURL: identity.url, credentials: .init(
            userName: "admin", password: identity.credentials.adminPassword, projectName: "admin"))
        let service = NetworkingService(configuration: configuration, validator: CachingTokenValidator(upstream: remote), ids: ids)
        let (ready, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "network-test")
        logger.logLevel = .critical
        let task = Task { [logger] in
            defer { continuation.finish() }
            try await service.run(logger: logger) { port in continuation.yield(port) }
        }
        var ports = ready.makeAsyncIterator()
        guard let port = await ports.next() else { throw TestFailure("networking service did not start: \(await task.result)") }
        let observer = try await NorthboundObserver(nbServer.endpoint)
        lock.withLock {
            self.task = task
            current = (APIClient(baseURL: "http://127.0.0.1:\(port)"), observer)
        }
    }

    private func stopService() async {
        let (task, observer) = lock.withLock { () -> (Task<Void, any Error>?, NorthboundObserver?) in
            defer { self.task = nil; current = nil }
            return (self.task, current?.observer)
        }
        task?.cancel()
        _ = await task?.result
        await observer?.close()
    }

    /// Stops the service and starts a new one on the same database and Northbound (its start runs a full repair).
    public func restart() async throws {
        await stopService()
        try await startService()
    }

    /// Stops everything and removes the directories.
    public func stop() async {
        await stopService()
        await identity.stop()
        nbServer.destroy()
        sbServer?.destroy()
        try? FileManager.default.removeItem(at: stateDirectory)
    }

    /// A project-scoped admin token (kept for the server's life).
    public func adminToken() async throws -> String {
        if let token = lock.withLock({ cachedAdminToken }) { return token }
        let token = try await identity.adminToken()
        lock.withLock { cachedAdminToken = token }
        return token
    }
}
