import Foundation
import OVNModel
import OVSDB
import ProgramRunner

/// The one `ovnstack supervise` daemon of a cluster: wires the namespaces, starts every service in
/// dependency waves (databases, then their clients, then ovn-controller), keeps them running,
/// reports in `status.json`, and on SIGTERM stops everything it started and removes the namespaces.
public actor Supervisor {
    enum Event: Sendable {
        case signal(Int32)
        case failed
    }

    let layout: StateLayout
    let state: ClusterState
    let progress: ProgressLog
    let launcher: any ServiceLauncher
    private var runners: [ServiceRunner] = []
    private var ready = false
    private let startedAt = Date()

    public init(layout: StateLayout) throws {
        guard let state = try ClusterState.load(layout) else {
            throw DeployError.notUp(clusterFile: layout.clusterFile)
        }
        self.layout = layout
        self.state = state
        self.progress = ProgressLog(path: layout.progressLog)
        self.launcher = Runtimes.launcher(for: state.runtime, layout: layout, state: state)
    }

    /// Runs until SIGTERM/SIGINT (exit status 0) or a failed bring-up (1).
    public func run() async throws -> Int32 {
        let lock = try SupervisorLock.acquire(layout)
        defer { lock.release() }
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let sources = SignalWaiter.install(into: continuation) { Event.signal($0) }
        defer { sources.forEach { $0.cancel() } }
        SupervisorLog.info("supervisor \(getpid()) for cluster \(state.spec.name), runtime \(state.runtime.rawValue)")
        let plan = ServicePlan(state: state, layout: layout)
        let hooks = ServiceHooks(state: state, layout: layout)
        runners = plan.services.map { definition in
            ServiceRunner(definition: definition, launcher: definition.hostMounts ? ProcessLauncher() : launcher, hooks: hooks) { [weak self] in
                await self?.writeStatus()
            }
        }
        let bringUp = Task {
            do {
                try await self.bringUp()
            } catch {
                SupervisorLog.info("bring-up failed: \(error)")
                self.progress.write("\(ProgressLog.failedPrefix) \(error)")
                continuation.yield(.failed)
            }
        }
        var status: Int32 = 0
        for await event in events {
            switch event {
            case .signal(let number): SupervisorLog.info("signal \(number): stopping")
            case .failed: status = 1
            }
            break
        }
        bringUp.cancel()
        await shutdown()
        return status
    }

    private func bringUp() async throws {
        let total = ContinuousClock.now
        let previous = Dictionary(
            (SupervisorReport.load(layout)?.services ?? []).map { ("\($0.node)/\($0.service)", $0) }, uniquingKeysWith: { a, _ in a })
        await writeStatus()
        // The loopback APIs need no namespace: those of wave 0 (identity) start at once, a later one once the
        // node services of the waves before it serve (network needs the NB); all are awaited before READY.
        let apis = runners.filter { $0.definition.netns == nil }
        let nodeWaves = WaveGate()
        async let apisServing: Void = Self.startAPIs(apis, after: nodeWaves, previous: previous)
        var t = ContinuousClock.now
        let driver = LocalDriver(state: state)
        try await Blocking.run { try driver.ensure() }
        progress.step("namespaces, underlay and external wiring", since: t)
        let waves = Dictionary(grouping: runners.filter { $0.definition.netns != nil }, by: { $0.definition.kind.wave })
        let titles = [0: "databases (Open_vSwitch, NB, SB) + chassis config", 1: "ovs-vswitchd + uplinks, ovn-northd", 2: "ovn-controller"]
        for wave in waves.keys.sorted() {
            t = ContinuousClock.now
            try await Self.start(waves[wave] ?? [], previous: previous)
            progress.step(titles[wave] ?? "wave \(wave)", since: t)
            await nodeWaves.finished(wave)
        }
        t = ContinuousClock.now
        try await waitForChassis()
        progress.step("\(state.spec.nodes.count) chassis registered in SB", since: t)
        t = ContinuousClock.now
        try await waitForMesh()
        progress.step("geneve tunnel mesh complete", since: t)
        t = ContinuousClock.now
        try await apisServing
        let listening = apis.compactMap { api in api.definition.listenPort.map { "\(api.definition.kind.rawValue) :\($0)" } }
        progress.step("APIs on 127.0.0.1: \(listening.joined(separator: ", "))", since: t)
        ready = true
        await writeStatus()
        progress.write("\(ProgressLog.readyPrefix) cluster \(state.spec.name) up in \(String(format: "%.2f", (ContinuousClock.now - total).seconds))s")
    }

    /// Starts `runners` concurrently (adopting a process a previous supervisor left, by its last status).
    private static func start(_ runners: [ServiceRunner], previous: [String: ServiceStatus]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for runner in runners {
                let before = previous[runner.definition.id]
                group.addTask { try await runner.start(previous: before) }
            }
            try await group.waitForAll()
        }
    }

    /// Starts the loopback APIs wave by wave: wave n once the node services of the waves before n and the
    /// APIs of the earlier waves are ready.
    private static func startAPIs(_ apis: [ServiceRunner], after nodeWaves: WaveGate, previous: [String: ServiceStatus]) async throws {
        let waves = Dictionary(grouping: apis, by: { $0.definition.kind.wave })
        for wave in waves.keys.sorted() {
            if wave > 0 { try await nodeWaves.wait(through: wave - 1) }
            try await start(waves[wave] ?? [], previous: previous)
        }
    }

    private func waitForChassis() async throws {
        let socket = layout.sbSocket(state.spec.controlNode.name)
        let want = Set(state.spec.nodes.map { state.systemID($0.name) })
        try await poll("chassis in the SB") {
            let names = try await OVSDBSession.with(.unix(path: socket), database: SB.database) { client in
                try await OVSDBSession.select(client, SB.Chassis.self, columns: [SB.Chassis.Column.name]).map(\.name)
            }
            return want.isSubset(of: Set(names))
        }
    }

    private func waitForMesh() async throws {
        let peers = state.spec.nodes.count - 1
        for node in state.spec.nodes {
            let socket = layout.ovsSocket(node.name)
            try await poll("tunnel ports on \(node.name)") {
                let tunnels = try await OVSDBSession.with(.unix(path: socket), database: VSwitch.database) { client in
                    try await OVSDBSession.select(
                        client, VSwitch.Interface.self, where: [.equal(VSwitch.Interface.Column.type, .string(self.state.spec.encap))],
                        columns: [VSwitch.Interface.Column.name]).count
                }
                return tunnels >= peers
            }
        }
    }

    private func poll(_ what: String, timeout: Duration = .seconds(30), _ check: @Sendable () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        var lastError: (any Error)?
        while ContinuousClock.now < deadline {
            try Task.checkCancellation()
            do {
                if try await check() { return }
            } catch {
                lastError = error
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DeployError.timedOut(what: what, after: timeout, lastError: lastError.map { "\($0)" })
    }

    /// Stops services in reverse waves, then removes the namespaces.
    private func shutdown() async {
        let waves = Dictionary(grouping: runners, by: { $0.definition.kind.wave })
        for wave in waves.keys.sorted(by: >) {
            await withTaskGroup(of: Void.self) { group in
                for runner in waves[wave] ?? [] { group.addTask { await runner.stop() } }
            }
        }
        let driver = LocalDriver(state: state)
        _ = try? await Blocking.run { driver.remove() }
        try? FileManager.default.removeItem(atPath: layout.statusFile)
        progress.write("STOPPED")
        SupervisorLog.info("stopped")
    }

    /// Writes `status.json` from the runners' current state.
    func writeStatus() async {
        var services: [ServiceStatus] = []
        for runner in runners { services.append(await runner.status) }
        SupervisorReport(
            cluster: state.spec.name, pid: getpid(), startedAt: startedAt.timeIntervalSince1970,
            runtime: state.runtime, ready: ready, services: services
        ).save(layout)
    }
}

/// The node start waves finished so far, awaited by the loopback APIs that depend on them.
actor WaveGate {
    private var done = -1

    /// Records that every node service of `wave` (and of the waves before it) is ready.
    func finished(_ wave: Int) { done = max(done, wave) }

    /// Returns once `wave` is finished; throws when the bring-up is cancelled.
    func wait(through wave: Int) async throws {
        while done < wave { try await Task.sleep(for: .milliseconds(10)) }
    }
}
