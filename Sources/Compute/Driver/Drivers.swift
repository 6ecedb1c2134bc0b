/// The outside services the compute API calls: Image, Networking and the agents.
struct Drivers: Sendable {
    let images: ImageClient
    let networks: NetworkClient
    let agents: AgentClient

    /// Refreshes an instance's network info cache from Networking in the background (failures keep the old cache).
    func refreshAddresses(_ id: String, store: ComputeStore) {
        let networks = networks
        Task {
            guard let addresses = try? await networks.addresses(of: id) else { return }
            try? await store.setAddresses(id, addresses)
        }
    }
}
