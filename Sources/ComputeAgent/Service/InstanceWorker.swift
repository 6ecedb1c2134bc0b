import Foundation
import Logging

/// Carries out the convergence steps of one instance at a time: decide, act, save, report — again until
/// there is nothing to do. A step that fails on this node ends the instance in ERROR with its cause as
/// the fault (the API keeps it until it is deleted, which cleans up what the failed step left).
struct InstanceWorker: Sendable {
    let store: AgentStore
    let channel: ComputeChannel
    let ports: InstancePorts
    let images: ImageCache
    let vifs: VIFPlugger
    let guests: GuestRuntime
    let logger: Logger

    /// Converges one instance to `spec` (nil: the API no longer has it).
    func converge(_ id: String, spec: InstanceSpec?) async {
        var spec = spec
        for _ in 0..<16 {
            let local = await store.instance(id)
            let step = ConvergenceStep.next(spec: spec, local: local, guestRunning: guests.isRunning(id))
            if step == .idle {
                if let local, let spec { await report(id, facts(local, spec: spec)) }
                return
            }
            let started = ContinuousClock.now
            do {
                try await perform(step, id: id, spec: spec)
                logger.info("instance step done", metadata: ["instance": "\(id)", "step": "\(step)", "took": "\(ContinuousClock.now - started)"])
                if step == .destroy { return }
            } catch {
                logger.warning("instance step failed", metadata: ["instance": "\(id)", "step": "\(step)", "error": "\(error)"])
                if step == .destroy { return }  // retried at the next sync
                _ = try? await store.update(id) { $0.fault = "\(error)" }
                if let spec, let local = await store.instance(id) { await report(id, facts(local, spec: spec)) }
                return
            }
            if let local = await store.instance(id), let s = spec {
                if !(await report(id, facts(local, spec: s))) { spec = nil }  // the API forgot it: tear down
            }
        }
    }

    private func perform(_ step: ConvergenceStep, id: String, spec: InstanceSpec?) async throws {
        switch step {
        case .preparePorts:
            guard let spec else { return }
            try await preparePorts(spec)
        case .syncNICs:
            guard let spec else { return }
            try await syncNICs(spec)
        case .prepareRootfs:
            guard let spec else { return }
            let file = try await images.file(spec.imageID)
            try guests.prepareRootfs(id, image: file, hostname: spec.hostname, keyData: spec.keyData)
            try await store.update(id) { $0.rootfsReady = true }
        case .start:
            guard let spec, let local = await store.instance(id) else { return }
            try await vifs.ensureNamespace(id)
            for nic in local.nics { try await vifs.plug(nic, instanceID: id) }
            try guests.start(id, namespace: vifs.namespace(id), hostname: spec.hostname, flavor: local.flavor)
            try await store.update(id) { $0.generation = spec.generation; $0.running = true }
        case .stop:
            await guests.stop(id, hard: false)
            await vifs.resetGuestNICs(await store.instance(id)?.nics ?? [], instanceID: id, up: false)
            try await store.update(id) { $0.running = false }
        case .restart(let action):
            guard let spec else { return }
            await guests.stop(id, hard: action == .rebootHard)
            await vifs.resetGuestNICs(await store.instance(id)?.nics ?? [], instanceID: id, up: true)
            if action == .rebuild {
                let file = try await images.file(spec.imageID)
                try guests.prepareRootfs(id, image: file, hostname: spec.hostname, keyData: spec.keyData, fresh: true)
                try await store.update(id) { $0.imageID = spec.imageID }
            }
            try guests.start(id, namespace: vifs.namespace(id), hostname: spec.hostname, flavor: spec.flavor)
            try await store.update(id) { $0.generation = spec.generation; $0.running = true }
        case .destroy:
            try await destroy(id)
        case .idle:
            return
        }
    }

    /// Creates or binds every requested NIC's port, saving each as soon as Networking has it.
    private func preparePorts(_ spec: InstanceSpec) async throws {
        if await store.instance(spec.id) == nil {
            try await store.save(LocalInstance(id: spec.id, imageID: spec.imageID, flavor: spec.flavor))
        }
        for request in NICPlan.diff(requested: spec.requestedNetworks, nics: await store.instance(spec.id)?.nics ?? []).missing {
            try await bindNIC(request, spec)
        }
        try await store.update(spec.id) { $0.portsReady = true }
    }

    /// Binds one requested NIC's port and records it at once (so that a crash cannot orphan it); answers the NIC.
    @discardableResult
    private func bindNIC(_ request: InstanceSpec.RequestedNetwork, _ spec: InstanceSpec) async throws -> LocalInstance.NIC {
        var nic = try await ports.bind(request, for: spec)
        nic.request = request
        nic.guestName = NICPlan.nextGuestName(await store.instance(spec.id)?.nics ?? [])
        try await store.update(spec.id) { $0.nics.append(nic) }
        return nic
    }

    /// An interface attached or detached: the new NICs are bound and plugged (into the running guest's
    /// namespace as a hot-plugged ethN), the dropped ones unplugged and released.
    private func syncNICs(_ spec: InstanceSpec) async throws {
        guard let local = await store.instance(spec.id) else { return }
        let plan = NICPlan.diff(requested: spec.requestedNetworks, nics: local.nics)
        for nic in plan.extra {
            await vifs.unplug(nic)
            try await ports.release(nic.portID, created: nic.created)
            try await store.update(spec.id) { $0.nics.removeAll { $0.portID == nic.portID } }
        }
        for request in plan.missing {
            let nic = try await bindNIC(request, spec)
            if local.generation != 0 { try await vifs.plug(nic, instanceID: spec.id) }
        }
    }

    /// Stops the guest, unplugs, removes its files and namespace, releases its ports, and tells the API.
    private func destroy(_ id: String) async throws {
        let local = await store.instance(id)
        await guests.stop(id, hard: true)
        await guests.remove(id)
        for nic in local?.nics ?? [] { await vifs.unplug(nic) }
        await vifs.removeNamespace(id)
        var released = Set<String>()
        for nic in local?.nics ?? [] {
            try await ports.release(nic.portID, created: nic.created)
            released.insert(nic.portID)
        }
        // A port created just before a crash is on record in Networking only (its device_id is the instance).
        let preexisting = Set((local?.nics ?? []).filter { !$0.created }.map(\.portID))
        for port in try await ports.listed(for: id) where !released.contains(port) && !preexisting.contains(port) {
            try await ports.release(port, created: true)
        }
        let report = ComputeChannel.Report(powerState: 0, generation: local?.generation ?? 0, ports: [], fault: nil, deleted: true)
        _ = try? await channel.report(id, report)
        await store.remove(id)
    }

    private func facts(_ local: LocalInstance, spec: InstanceSpec) -> ComputeChannel.Report {
        let running = guests.isRunning(local.id)
        return ComputeChannel.Report(
            powerState: running ? 1 : (local.generation == 0 ? 0 : 4), generation: local.generation,
            ports: local.nics.map { ($0.portID, $0.created) }, fault: local.fault.map { ($0, $0) })
    }

    /// Sends a report; false when the API answered that it no longer has the instance.
    @discardableResult
    private func report(_ id: String, _ report: ComputeChannel.Report) async -> Bool {
        do { return try await channel.report(id, report) } catch {
            logger.warning("report not taken", metadata: ["instance": "\(id)", "error": "\(error)"])
            return true
        }
    }
}
