import Addressing
import OpenStackAPI

/// Address scopes as Neutron checks them: only admins share one, and a shared one stays shared; subnet pools join one
/// of their IP version, without overlapping the others in it; a scope with pools cannot go.
extension NetworkingRules {
    func createAddressScope(_ r: AddressScopeCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<AddressScope> {
        let project = try owningProject(r.owner, auth)
        if r.shared == true, !auth.isAdmin { throw .forbidden("create_address_scope:shared") }
        guard r.ipVersion == 4 || r.ipVersion == 6 else {
            throw .invalidInput("Invalid input for ip_version. Reason: '\(r.ipVersion)' is not in [4, 6]")
        }
        let scope = AddressScope(id: ids.make(.addressScope), projectID: project, name: r.name ?? "", ipVersion: r.ipVersion, shared: r.shared ?? false)
        var batch = Batch()
        batch.addressScopes = [scope]
        if scope.shared { batch.rbacPolicies = [wildcardSharing(.addressScope, scope.id, owner: project)] }
        return Decision(batch: batch, result: scope)
    }

    func updateAddressScope(_ id: String, _ r: AddressScopeUpdate, _ auth: AuthContext) throws(NetworkingError) -> Decision<AddressScope> {
        var scope = try state.visibleAddressScope(id, auth)
        guard state.owns(scope.projectID, auth) else { throw .forbidden("update_address_scope") }
        var batch = Batch()
        if r.shared != nil, !auth.isAdmin { throw .forbidden("update_address_scope:shared") }
        if let shared = r.shared, shared != scope.shared {
            guard shared else {
                throw NetworkingError(.badRequest, "AddressScopeUpdateError", "Unable to update address scope \(id) : Shared address scope can't be unshared.")
            }
            scope.shared = true
            batch.rbacPolicies = [wildcardSharing(.addressScope, id, owner: scope.projectID)]
        }
        if let name = r.name { scope.name = name }
        batch.addressScopes = [scope]
        return Decision(batch: batch, result: scope)
    }

    func deleteAddressScope(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        let scope = try state.visibleAddressScope(id, auth)
        guard state.owns(scope.projectID, auth) else { throw .forbidden("delete_address_scope") }
        if state.subnetPools.values.contains(where: { $0.addressScopeID == id }) {
            throw .conflict("AddressScopeInUse",
                            "Unable to complete operation on address scope \(id). There are one or more subnet pools in use on the address scope.")
        }
        var batch = Batch()
        batch.deletedAddressScopes = [id]
        batch.deletedRBACPolicies = state.policies(on: id).map(\.id)
        return Decision(batch: batch, result: ())
    }

    /// Neutron's `_validate_address_scope_id` for a pool joining (or staying in) `scopeID` with `prefixes`.
    func checkAddressScope(_ scopeID: String, for pool: SubnetPool, _ auth: AuthContext) throws(NetworkingError) {
        let scope = try state.visibleAddressScope(scopeID, auth)
        guard state.owns(scope.projectID, auth) || state.isShared(scopeID, with: auth.projectID) else {
            throw NetworkingError(.badRequest, "IllegalSubnetPoolAssociationToAddressScope",
                                  "Illegal subnetpool association: subnetpool \(pool.id) cannot be associated with address scope \(scopeID).")
        }
        guard scope.ipVersion == pool.ipVersion else {
            throw NetworkingError(.badRequest, "IllegalSubnetPoolIpVersionAssociationToAddressScope",
                                  "Illegal subnetpool association: subnetpool \(pool.id) cannot associate with address scope \(scopeID) because subnetpool ip_version is not \(scope.ipVersion).")
        }
        // The networks of the pool's subnets must keep all their subnets of this version in one scope.
        let rescoped = state.subnets.values.filter { $0.subnetPoolID == pool.id }
        for network in Set(rescoped.map(\.networkID)) where state.subnets(of: network).contains(where: { $0.ipVersion == pool.ipVersion && $0.subnetPoolID != pool.id }) {
            throw NetworkingError(.badRequest, "NetworkAddressScopeAffinityError",
                                  "Subnets of the same address family hosted on the same network must all participate in the same address scope.")
        }
        for other in state.subnetPools.values where other.addressScopeID == scopeID && other.id != pool.id {
            if other.networks.contains(where: { o in pool.networks.contains { $0.overlaps(o) } }) {
                throw .conflict("AddressScopePrefixConflict",
                                "Failed to associate address scope: subnetpools within an address scope must have unique prefixes.")
            }
        }
    }

    /// A `*` `access_as_shared` policy on an object, owned by the object's project.
    func wildcardSharing(_ type: RBACPolicy.ObjectType, _ object: String, owner: String) -> RBACPolicy {
        RBACPolicy(id: ids.make(.rbacPolicy), projectID: owner, objectType: type, objectID: object, action: .accessAsShared,
                   targetProject: RBACPolicy.wildcard)
    }
}

extension NetworkingState {
    /// An address scope the caller owns or that is shared with them.
    func visibleAddressScope(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> AddressScope {
        guard let s = addressScopes[id], owns(s.projectID, auth) || isShared(id, with: auth.projectID) else {
            throw .notFound(.addressScope, id)
        }
        return s
    }

    /// The scope of a network's subnets of one IP version (a network's subnets of a version come from one pool).
    func addressScope(of network: String, ipVersion: Int) -> String? {
        subnets(of: network).lazy.filter { $0.ipVersion == ipVersion }.compactMap { $0.subnetPoolID }
            .compactMap { subnetPools[$0]?.addressScopeID }.first
    }
}
