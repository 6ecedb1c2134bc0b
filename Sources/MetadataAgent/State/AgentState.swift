/// The agent's one owner of state: the SB view of the last reconcile and what it has provisioned — per network
/// the plan it applied, the namespace's identity then, and the listener serving it. Nothing here is written to
/// disk: the kernel is the truth for namespaces, so a restarted agent adopts what it finds and re-binds.
actor AgentState {
    /// One network's namespace as the agent left it.
    struct Provisioned: Sendable {
        var plan: NetworkPlan
        /// The namespace file's inode when the listener was bound (a namespace made again needs a new one).
        var namespaceIdentity: UInt64?
        var listener: ProxyListener?
    }

    private var view: SouthboundView = .empty
    private let refresh: @Sendable () -> SouthboundView
    private(set) var provisioned: [String: Provisioned] = [:]

    /// A state that reads a fresh view with `refresh` when a lookup misses.
    init(refresh: @escaping @Sendable () -> SouthboundView) { self.refresh = refresh }

    /// Takes the view a reconcile works from.
    func update(_ view: SouthboundView) { self.view = view }

    /// The instance behind `address` on `network`; a miss is looked up once more in a fresh view (the port may
    /// have been bound since the last reconcile).
    func instance(address: String, network: String) -> InstanceIdentity? {
        if let found = InstanceLookup.find(address: address, network: network, in: view) { return found }
        view = refresh()
        return InstanceLookup.find(address: address, network: network, in: view)
    }

    /// Records a network's namespace.
    func set(_ network: String, _ record: Provisioned) { provisioned[network] = record }

    /// Forgets a network's namespace; answers what was recorded.
    func remove(_ network: String) -> Provisioned? { provisioned.removeValue(forKey: network) }

    /// Closes every listener (the agent stops; the namespaces stay for the next one to adopt).
    func closeListeners() async {
        for (network, var record) in provisioned {
            await record.listener?.close()
            record.listener = nil
            provisioned[network] = record
        }
    }
}
