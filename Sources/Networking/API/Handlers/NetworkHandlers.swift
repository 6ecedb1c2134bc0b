import OpenStackAPI

/// `/v2.0/networks` and `/v2.0/subnets`.
extension NetworkingAPI {
    var networks: ResourceHandlers {
        let store = store
        @Sendable func render(_ n: Network, _ s: NetworkingState, _ auth: AuthContext) -> JSONObject {
            Representation.network(n, subnets: s.subnetIDs[n.id] ?? [], admin: auth.isAdmin)
        }
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                return try Collections.respond("networks", s.networks.values.filter { s.canSee($0, auth) }.map { render($0, s, auth) }, request, context)
            },
            show: { id, auth in
                let s = await store.snapshot
                return render(try s.visibleNetwork(id, auth), s, auth)
            },
            create: { body, auth in
                let request = try NetworkDecoding.create(body)
                let n = try await store.change { try $0.quotaChecked(.network, $0.createNetwork(request, auth)) }
                return render(n, await store.snapshot, auth)
            },
            update: { id, body, auth, precondition in
                let request = try NetworkDecoding.update(body)
                let n = try await store.change(precondition) { try $0.updateNetwork(id, request, auth) }
                return render(n, await store.snapshot, auth)
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteNetwork(id, auth) } })
    }

    var subnets: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                return try Collections.respond("subnets", s.subnets.values.filter { s.canSee($0, auth) }.map(Representation.subnet), request, context)
            },
            show: { id, auth in Representation.subnet(try await store.snapshot.visibleSubnet(id, auth)) },
            create: { body, auth in
                let request = try SubnetDecoding.create(body)
                return Representation.subnet(try await store.change { try $0.quotaChecked(.subnet, $0.createSubnet(request, auth)) })
            },
            update: { id, body, auth, precondition in
                let request = try SubnetDecoding.update(body)
                return Representation.subnet(try await store.change(precondition) { try $0.updateSubnet(id, request, auth) })
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteSubnet(id, auth) } })
    }
}
