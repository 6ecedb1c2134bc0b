/// Runs at most one convergence per instance at a time, many instances at once: an instance whose spec
/// changes while it is being converged is converged again right after, with the newest spec.
actor SyncScheduler {
    private var busy: Set<String> = []
    private var latest: [String: InstanceSpec?] = [:]
    private let worker: InstanceWorker

    init(worker: InstanceWorker) { self.worker = worker }

    /// Converges every instance the API lists or this node has.
    func sync(specs: [InstanceSpec], local: Set<String>) {
        let byID = Dictionary(specs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in Set(byID.keys).union(local) {
            latest[id] = .some(byID[id])
            guard !busy.contains(id) else { continue }
            busy.insert(id)
            Task { await run(id) }
        }
    }

    private func run(_ id: String) async {
        while let next = latest.removeValue(forKey: id) {
            await worker.converge(id, spec: next)
        }
        busy.remove(id)
    }
}
