import OpenStackAPI

/// `/v2.0/networks` and `/v2.0/subnets`.
extension NetworkingAPI {
    var networks: ResourceHandlers {
        let store = store
        @Sendable func render(_ n: Network, _ s: NetworkingState, _ auth: AuthContext) -> JSONObject {
            Representation.network(n, subnets: s.subnetIDs[n.id] ?? [], shared: s.isShared(n.id, with: auth.projectID),
                                   addressScopes: (s.addressScope(of: n.id, ipVersion: 4), s.addressScope(of: n.id, ipVersion: 6)), admin: auth.isAdmin)
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
                // `shared` is a filter on the subnet's network (Neutron's hidden subnet attribute).
                var query = request.queryItems
                let shared = query.filter { $0.0 == "shared" }.compactMap { ListQueryTruth.parse($0.1) }
                query.removeAll { $0.0 == "shared" }
                let subnets = s.subnets.values.filter { sub in
                    s.canSee(sub, auth) && (shared.isEmpty || shared.contains(s.isShared(sub.networkID, with: auth.projectID)))
                }
                return try Collections.respond("subnets", subnets.map { Representation.subnet($0, in: s) }, query: query, request, context)
            },
            show: { id, auth in
                let s = await store.snapshot
                return Representation.subnet(try s.visibleSubnet(id, auth), in: s)
            },
            create: { body, auth in
                let request = try SubnetDecoding.create(body)
                let created = try await store.change { try $0.quotaChecked(.subnet, $0.createSubnet(request, auth)) }
                return Representation.subnet(created, in: await store.snapshot)
            },
            update: { id, body, auth, precondition in
                let request = try SubnetDecoding.update(body)
                let updated = try await store.change(precondition) { try $0.updateSubnet(id, request, auth) }
                return Representation.subnet(updated, in: await store.snapshot)
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteSubnet(id, auth) } })
    }
}
