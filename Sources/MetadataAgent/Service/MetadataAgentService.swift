import Foundation
public import Logging
import OVNModel
import OVSDB

/// The OVN metadata agent of one node: registers in its chassis' `Chassis_Private`, watches the SB and the node's
/// OVS, keeps one metadata namespace per network that has an instance port here (reconciled at start, within
/// ~50 ms of every change, and fully every 30 s), and answers the guests' requests to 169.254.169.254 in each by
/// forwarding them, signed, to nova-metadata.
public struct MetadataAgentService: Sendable {
    /// How the agent is set up.
    public let configuration: MetadataAgentConfiguration

    /// An agent with this configuration.
    public init(configuration: MetadataAgentConfiguration) { self.configuration = configuration }

    /// Runs until cancelled. `progress` gets one line per namespace provisioned, adopted, repaired or removed
    /// (`metadata-agent c1: provisioned ovnmeta-… (12 ms)`); `onReady` is called once the agent has registered and
    /// done its first reconcile. The namespaces stay when it stops, for the next agent to adopt.
    public func run(logger: Logger = Logger(label: "ovnstack.metadata-agent"), progress: @escaping @Sendable (String) -> Void = { _ in },
                    onReady: @escaping @Sendable () async -> Void = {}) async throws {
        let c = configuration
        let say: @Sendable (String) -> Void = { progress("metadata-agent \(c.host): \($0)") }
        do {
            try FileManager.default.createDirectory(at: c.stateDirectory, withIntermediateDirectories: true)
        } catch {
            throw MetadataAgentError.configuration("cannot create --state-dir \(c.stateDirectory.path): \(error)")
        }
        let lock = try StateLock(directory: c.stateDirectory, host: c.host)
        defer { lock.release() }
        let ovs = try await Self.connect(c.ovsDatabase, database: VSwitch.database, what: "the Open_vSwitch database of \(c.host)",
                                         fix: "is the node's ovsdb-server running?", logger: logger)
        let sb: OVSDBClient
        do {
            sb = try await Self.connect(c.southbound, database: SB.database, what: "the OVN Southbound database",
                                        fix: "is the SB ovsdb-server running and reachable from \(c.host)?", logger: logger)
        } catch {
            await ovs.close()
            throw error
        }
        do {
            try await serve(ovs: ovs, sb: sb, logger: logger, say: say, onReady: onReady)
        } catch {
            await ovs.close()
            await sb.close()
            throw error
        }
        await ovs.close()
        await sb.close()
    }

    private func serve(ovs: OVSDBClient, sb: OVSDBClient, logger: Logger, say: @escaping @Sendable (String) -> Void,
                       onReady: @escaping @Sendable () async -> Void) async throws {
        let c = configuration
        let ovsReplica = try await ovs.monitor(NodeReplicas.ovsTables)
        let node = try await Self.waitFor(within: c.startupWait, {
            let ids = NodeReplicas.ovsExternalIDs(ovsReplica)
            return ids["system-id"].flatMap { $0.isEmpty ? nil : (system: $0, bridge: ids["ovn-bridge"] ?? "br-int") }
        }, otherwise: MetadataAgentError.ovs(
            "no external_ids:system-id in Open_vSwitch at \(c.ovsDatabase) after \(c.startupWait): is ovn-controller's chassis configured? "
                + "(ovs-vsctl set Open_vSwitch . external_ids:system-id=<uuid>)"))
        let identity = AgentIdentity(systemID: node.system)
        let sbReplica = try await sb.monitor(NodeReplicas.sbTables, indexes: NodeReplicas.sbIndexes)
        let replicas = NodeReplicas(ovs: ovsReplica, sb: sbReplica, chassis: identity.chassis)
        let sbChanges = sbReplica.events(), ovsChanges = ovsReplica.events()
        let registration = ChassisRegistration(client: sb, identity: identity, bridge: node.bridge)
        let row = try await Self.waitFor(within: c.startupWait, { replicas.chassisPrivate() }, otherwise: MetadataAgentError.southbound(
            "chassis \(identity.chassis) has no Chassis_Private row in \(c.southbound) after \(c.startupWait): "
                + "is ovn-controller running on \(c.host) and connected to the SB?"))
        try await registration.sync(row, nbCfg: replicas.southboundConfiguration())
        say("registered as OVN metadata agent \(identity.agentID.uuidString.lowercased()) of chassis \(identity.chassis)")

        let state = AgentState(refresh: { replicas.view() })
        let plumbing = NamespacePlumbing(names: MetadataNames(prefix: c.namespacePrefix), nodeNamespace: c.nodeNamespace,
                                         ovsDatabase: c.ovsDatabase, bridge: node.bridge)
        let http = MetadataForwarder.makeClient()
        let reconciler = Reconciler(state: state, plumbing: plumbing, forwarder: MetadataForwarder(baseURL: c.metadataURL, secret: c.sharedSecret, http: http),
                                    progress: say, logger: logger)
        do {
            try await loop(replicas: replicas, registration: registration, reconciler: reconciler, changes: (sbChanges, ovsChanges),
                           logger: logger, onReady: onReady)
        } catch {
            await state.closeListeners()
            try? await http.shutdown()
            throw error
        }
        await state.closeListeners()
        try? await http.shutdown()
    }

    /// The first reconcile, then one after every (debounced) change, every retry due and every full check due.
    private func loop(replicas: NodeReplicas, registration: ChassisRegistration, reconciler: Reconciler,
                      changes: (AsyncStream<RowEvent>, AsyncStream<RowEvent>), logger: Logger, onReady: @escaping @Sendable () async -> Void) async throws {
        let c = configuration
        let (sbChanges, ovsChanges) = changes
        let firstFailed = await reconciler.reconcile(replicas.view(), full: true)
        await onReady()
        let wakeups = Wakeups()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { for await _ in sbChanges { await wakeups.change() } }
            group.addTask { for await _ in ovsChanges { await wakeups.change() } }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    await wakeups.tick()
                }
            }
            group.addTask {
                var lastFull = ContinuousClock.now
                var retryAt: ContinuousClock.Instant? = firstFailed ? .now + .seconds(2) : nil
                while !Task.isCancelled {
                    let changed = await withTaskCancellationHandler { await wakeups.next() } onCancel: { Task { await wakeups.tick() } }
                    if Task.isCancelled { break }
                    let now = ContinuousClock.now
                    let fullDue = now - lastFull >= c.fullCheckInterval, retryDue = retryAt.map { now >= $0 } ?? false
                    guard changed || fullDue || retryDue else { continue }
                    if changed {
                        try? await Task.sleep(for: c.debounce)
                        await wakeups.clear()
                    }
                    if let row = replicas.chassisPrivate() {
                        do { try await registration.sync(row, nbCfg: replicas.southboundConfiguration()) } catch {
                            logger.warning("registration not updated", metadata: ["error": "\(error)"])
                        }
                    }
                    let failed = await reconciler.reconcile(replicas.view(), full: fullDue)
                    if fullDue { lastFull = now }
                    retryAt = failed ? .now + .seconds(2) : nil
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Connects to a database, or throws naming it and the likely fix.
    private static func connect(_ text: String, database: String, what: String, fix: String, logger: Logger) async throws(MetadataAgentError) -> OVSDBClient {
        let endpoints: [Endpoint]
        do { endpoints = try Endpoint.list(text) } catch {
            throw .configuration("\(text) is no OVSDB endpoint for \(what): use unix:<path> or tcp:<ip>:<port>")
        }
        guard !endpoints.isEmpty else { throw .configuration("no endpoint given for \(what)") }
        var options = ClientOptions()
        options.logger = logger
        options.leaderOnly = database != VSwitch.database
        do { return try await OVSDBClient.connect(endpoints, database: database, options: options) } catch {
            let failure = "cannot reach \(what) at \(text): \(error); \(fix)"
            if database == VSwitch.database { throw .ovs(failure) }
            throw .southbound(failure)
        }
    }

    /// Polls `probe` every 100 ms until it answers, or throws `otherwise` after `within`.
    private static func waitFor<T>(within: Duration, _ probe: () -> T?, otherwise: MetadataAgentError) async throws -> T {
        let deadline = ContinuousClock.now + within
        while true {
            if let value = probe() { return value }
            guard ContinuousClock.now < deadline else { throw otherwise }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
