import Foundation

/// Keeps one service running: starts (or adopts) it, waits until it serves, runs its hooks,
/// watches the pid, and restarts it with backoff when it ends unexpectedly.
actor ServiceRunner {
    let definition: ServiceDefinition
    let launcher: any ServiceLauncher
    let hooks: ServiceHooks
    let backoff = Backoff()
    let onChange: @Sendable () async -> Void

    private(set) var pid: Int32?
    private(set) var startedAt: Date?
    private(set) var restarts = 0
    private(set) var phase: ServicePhase = .stopped
    private(set) var lastExit: String?
    private var stopping = false
    private var watcher: Task<Void, Never>?

    init(definition: ServiceDefinition, launcher: any ServiceLauncher, hooks: ServiceHooks, onChange: @escaping @Sendable () async -> Void) {
        self.definition = definition
        self.launcher = launcher
        self.hooks = hooks
        self.onChange = onChange
    }

    var status: ServiceStatus {
        ServiceStatus(
            node: definition.node, service: definition.kind.rawValue, pid: pid,
            startedAt: startedAt?.timeIntervalSince1970, restarts: restarts, phase: phase, lastExit: lastExit)
    }

    /// First start: adopts a live process left by a previous supervisor (keeping the restart count
    /// it reported), else launches one.
    func start(previous: ServiceStatus? = nil) async throws {
        stopping = false
        if let existing = launcher.find(definition) {
            pid = existing
            if previous?.pid == existing {
                restarts = previous?.restarts ?? 0
                lastExit = previous?.lastExit
            }
            startedAt = Date(timeIntervalSinceNow: -(ProcessTable.uptime(existing) ?? 0))
            SupervisorLog.info("\(definition.id): adopted running pid \(existing)")
            phase = .starting
            try await becomeReady(existing)
        } else {
            try await launchOnce()
        }
        watcher = Task { await self.watch() }
    }

    private func launchOnce() async throws {
        phase = .starting
        try await hooks.prepare(definition)
        if stopping { throw CancellationError() }  // stop() ran while we prepared: launch nothing
        let newPid = try launcher.launch(definition)
        pid = newPid
        startedAt = Date()
        SupervisorLog.info("\(definition.id): started pid \(newPid)")
        await onChange()
        do {
            try await becomeReady(newPid)
        } catch {
            await ProcessTable.terminate(newPid, grace: .seconds(1))
            pid = nil
            throw error
        }
    }

    private func becomeReady(_ pid: Int32) async throws {
        try await waitReady(pid)
        try await hooks.afterStart(definition)
        phase = .running
        await onChange()
    }

    /// Waits for the service's socket, failing fast if the process dies.
    private func waitReady(_ pid: Int32) async throws {
        let path = definition.readyPath ?? definition.controlSocket(pid: pid)
        let deadline = ContinuousClock.now + .seconds(20)
        while !FileManager.default.fileExists(atPath: path) {
            if let how = ProcessTable.reapIfExited(pid) {
                throw DeployError.serviceFailed(id: definition.id, why: "\(how) before serving", log: definition.outputFile)
            }
            guard ContinuousClock.now < deadline else {
                throw DeployError.serviceFailed(id: definition.id, why: "no \(path) after 20 s", log: definition.outputFile)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    private func watch() async {
        while !stopping, !Task.isCancelled {
            guard let current = pid else { return }
            guard let how = ProcessTable.reapIfExited(current) else {
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            if stopping { return }
            let ranFor = startedAt.map { Date().timeIntervalSince($0) } ?? 0
            SupervisorLog.info("\(definition.id): pid \(current) ended (\(how)) after \(Int(ranFor)) s; restarting")
            launcher.cleanup(definition)
            pid = nil
            lastExit = how
            restarts += 1
            phase = .backoff
            await onChange()
            await restart(stable: ranFor >= backoff.stableAfter.seconds)
        }
    }

    private func restart(stable: Bool) async {
        var attempt = stable ? 0 : min(restarts - 1, 16)
        while !stopping, !Task.isCancelled {
            try? await Task.sleep(for: backoff.delay(attempt))
            if stopping { return }
            do {
                try await launchOnce()
                return
            } catch {
                SupervisorLog.info("\(definition.id): restart failed: \(error)")
                lastExit = "\(error)"
                phase = .backoff
                attempt += 1
                await onChange()
            }
        }
    }

    /// Stops watching and terminates the process (SIGTERM, then SIGKILL).
    func stop() async {
        stopping = true
        watcher?.cancel()
        if let current = pid {
            await ProcessTable.terminate(current)
            SupervisorLog.info("\(definition.id): stopped pid \(current)")
        }
        launcher.cleanup(definition)
        pid = nil
        phase = .stopped
    }
}
