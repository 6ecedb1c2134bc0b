import OpenStackAPI

/// Service flavors and profiles as Neutron's flavors plugin checks them: admins make and change them, anyone may read
/// flavors; a flavor is of a loaded service type; a profile names a service provider's driver (none here) or carries
/// `metainfo`; a profile associated with a flavor cannot be changed or deleted.
extension NetworkingRules {
    /// The service plugins ML2/OVN's configuration loads (a flavor's `service_type`).
    static let serviceTypes = ["L3_ROUTER_NAT", "QOS", "TRUNK", "PORTFORWARDING", "FLAVORS"]

    func createFlavor(_ r: FlavorRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<ServiceFlavor> {
        guard auth.isAdmin else { throw .forbidden("create_flavor") }
        guard let type = r.serviceType else { throw .badRequest("Failed to parse request. Required attribute 'service_type' not specified") }
        guard Self.serviceTypes.contains(type) else { throw NetworkingError(.badRequest, "InvalidServiceType", "Invalid service type \(type).") }
        let flavor = ServiceFlavor(id: ids.make(.flavor), name: r.name ?? "", description: r.description ?? "", serviceType: type,
                                   enabled: r.enabled ?? true, serviceProfiles: [])
        var batch = Batch()
        batch.flavors = [flavor]
        return Decision(batch: batch, result: flavor)
    }

    func updateFlavor(_ id: String, _ r: FlavorRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<ServiceFlavor> {
        guard auth.isAdmin else { throw .forbidden("update_flavor") }
        var flavor = try state.flavor(id)
        if let v = r.name { flavor.name = v }
        if let v = r.description { flavor.description = v }
        if let v = r.enabled { flavor.enabled = v }
        var batch = Batch()
        batch.flavors = [flavor]
        return Decision(batch: batch, result: flavor)
    }

    func deleteFlavor(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        guard auth.isAdmin else { throw .forbidden("delete_flavor") }
        _ = try state.flavor(id)
        var batch = Batch()
        batch.deletedFlavors = [id]
        return Decision(batch: batch, result: ())
    }

    func createServiceProfile(_ r: ServiceProfileRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<ServiceProfile> {
        guard auth.isAdmin else { throw .forbidden("create_service_profile") }
        let driver = r.driver ?? "", metainfo = r.metainfo ?? ""
        try Self.checkDriver(driver)
        if driver.isEmpty, metainfo.isEmpty {
            throw NetworkingError(.badRequest, "ServiceProfileEmpty", "Service Profile needs either a driver or metainfo.")
        }
        let profile = ServiceProfile(id: ids.make(.serviceProfile), description: r.description ?? "", driver: driver, enabled: r.enabled ?? true,
                                     metainfo: metainfo)
        var batch = Batch()
        batch.serviceProfiles = [profile]
        return Decision(batch: batch, result: profile)
    }

    func updateServiceProfile(_ id: String, _ r: ServiceProfileRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<ServiceProfile> {
        guard auth.isAdmin else { throw .forbidden("update_service_profile") }
        if let driver = r.driver { try Self.checkDriver(driver) }
        var profile = try state.serviceProfile(id)
        try checkProfileNotInUse(id)
        if let v = r.description { profile.description = v }
        if let v = r.driver { profile.driver = v }
        if let v = r.enabled { profile.enabled = v }
        if let v = r.metainfo { profile.metainfo = v }
        var batch = Batch()
        batch.serviceProfiles = [profile]
        return Decision(batch: batch, result: profile)
    }

    func deleteServiceProfile(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        guard auth.isAdmin else { throw .forbidden("delete_service_profile") }
        _ = try state.serviceProfile(id)
        try checkProfileNotInUse(id)
        var batch = Batch()
        batch.deletedServiceProfiles = [id]
        return Decision(batch: batch, result: ())
    }

    /// `POST /v2.0/flavors/{id}/service_profiles` (`associating`) or `DELETE …/{profile}`.
    func associate(_ profileID: String, with flavorID: String, associating: Bool, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        guard auth.isAdmin else { throw .forbidden(associating ? "create_flavor_service_profile" : "delete_flavor_service_profile") }
        var flavor = try state.flavor(flavorID)
        _ = try state.serviceProfile(profileID)
        let bound = flavor.serviceProfiles.contains(profileID)
        if associating, bound {
            throw .conflict("FlavorServiceProfileBindingExists", "Service Profile \(profileID) is already associated with flavor \(flavorID).")
        }
        if !associating, !bound {
            throw NetworkingError(.notFound, "FlavorServiceProfileBindingNotFound", "Service Profile \(profileID) is not associated with flavor \(flavorID).")
        }
        if associating { flavor.serviceProfiles.append(profileID) } else { flavor.serviceProfiles.removeAll { $0 == profileID } }
        var batch = Batch()
        batch.flavors = [flavor]
        return Decision(batch: batch, result: ())
    }

    /// A driver must be one of the service providers' (there are none with ML2/OVN alone).
    private static func checkDriver(_ driver: String) throws(NetworkingError) {
        guard driver.isEmpty else {
            throw NetworkingError(.notFound, "ServiceProfileDriverNotFound", "Service Profile driver \(driver) could not be found.")
        }
    }

    private func checkProfileNotInUse(_ id: String) throws(NetworkingError) {
        if state.flavors.values.contains(where: { $0.serviceProfiles.contains(id) }) {
            throw .conflict("ServiceProfileInUse", "Service Profile \(id) is used by some service instance.")
        }
    }
}

extension NetworkingState {
    func flavor(_ id: String) throws(NetworkingError) -> ServiceFlavor {
        guard let f = flavors[id] else { throw NetworkingError(.notFound, "FlavorNotFound", "Flavor \(id) could not be found.") }
        return f
    }

    func serviceProfile(_ id: String) throws(NetworkingError) -> ServiceProfile {
        guard let p = serviceProfiles[id] else { throw NetworkingError(.notFound, "ServiceProfileNotFound", "Service Profile \(id) could not be found.") }
        return p
    }
}
