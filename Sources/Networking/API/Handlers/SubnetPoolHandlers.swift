import OpenStackAPI

/// `/v2.0/subnetpools`.
extension NetworkingAPI {
    var subnetPools: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                let pools = s.subnetPools.values.filter { s.canSee($0, auth) }.map(Representation.subnetPool)
                return try Collections.respond("subnetpools", pools, request, context)
            },
            show: { id, auth in Representation.subnetPool(try await store.snapshot.visibleSubnetPool(id, auth)) },
            create: { body, auth in
                let request = try SubnetPoolDecoding.create(body)
                return Representation.subnetPool(try await store.change { try $0.quotaChecked(.subnetPool, $0.createSubnetPool(request, auth)) })
            },
            update: { id, body, auth, precondition in
                let request = try SubnetPoolDecoding.update(body)
                return Representation.subnetPool(try await store.change(precondition) { try $0.updateSubnetPool(id, request, auth) })
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteSubnetPool(id, auth) } })
    }
}
