import Foundation

extension ComputeStore {
    /// Flavors the caller may see, in creation order (`is_public`: nil means every visible one).
    func listFlavors(_ caller: Caller, isPublic: Bool?, minRAM: Int?, minDisk: Int?) -> [Flavor] {
        flavors.values.filter { flavor in
            guard flavor.visible(to: caller) else { return false }
            // Nova: the default (true) means public ones for admins and every visible one for others; false only private.
            if isPublic == true, caller.isAdmin, !flavor.isPublic { return false }
            if isPublic == false, flavor.isPublic { return false }
            if let minRAM, flavor.ram < minRAM { return false }
            if let minDisk, flavor.disk < minDisk { return false }
            return true
        }.sorted { ($0.serial, $0.id) < ($1.serial, $1.id) }
    }

    /// One flavor the caller may see, or 404.
    func flavor(_ id: String, _ caller: Caller) throws(ComputeError) -> Flavor {
        guard let flavor = flavors[id], flavor.visible(to: caller) else { throw .notFound("Flavor \(id) could not be found.") }
        return flavor
    }

    /// Creates a flavor (admin); 409 for a duplicate id or name.
    func createFlavor(_ create: FlavorCreate, _ caller: Caller) throws(ComputeError) -> Flavor {
        guard caller.isAdmin else { throw .policy("os_compute_api:os-flavor-manage:create") }
        let id = create.id ?? UUID().uuidString.lowercased()
        guard flavors[id] == nil else { throw .conflict("Flavor with ID \(id) already exists.") }
        guard !flavors.values.contains(where: { $0.name == create.name }) else { throw .conflict("Flavor with name \(create.name) already exists.") }
        let flavor = Flavor(id: id, name: create.name, vcpus: create.vcpus, ram: create.ram, disk: create.disk, ephemeral: create.ephemeral,
                            swap: create.swap, rxtxFactor: create.rxtxFactor, isPublic: create.isPublic,
                            serial: (flavors.values.map(\.serial).max() ?? 0) + 1)
        try commit(Batch(flavors: [flavor]))
        return flavor
    }

    /// Deletes a flavor (admin); servers keep their copy of it.
    func deleteFlavor(_ id: String, _ caller: Caller) throws(ComputeError) {
        guard caller.isAdmin else { throw .policy("os_compute_api:os-flavor-manage:delete") }
        guard flavors[id] != nil else { throw .notFound("Flavor \(id) could not be found.") }
        try commit(Batch(deletedFlavors: [id]))
    }

    /// Changes a flavor (extra specs, access) as `change` says, after the admin check.
    func changeFlavor(_ id: String, _ caller: Caller, rule: String,
                      _ change: @Sendable (inout Flavor) throws(ComputeError) -> Void) throws(ComputeError) -> Flavor {
        guard caller.isAdmin else { throw .policy(rule) }
        guard var flavor = flavors[id] else { throw .notFound("Flavor \(id) could not be found.") }
        try change(&flavor)
        try commit(Batch(flavors: [flavor]))
        return flavor
    }
}
