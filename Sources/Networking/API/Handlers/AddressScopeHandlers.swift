import OpenStackAPI

/// `/v2.0/address-scopes`: a caller sees their project's scopes and those shared with it.
extension NetworkingAPI {
    var addressScopes: ResourceHandlers {
        let store = store
        /// `shared` as the caller sees it: whether a policy shares the scope with their project.
        @Sendable func render(_ scope: AddressScope, _ s: NetworkingState, _ auth: AuthContext) -> JSONObject {
            Representation.addressScope(scope, shared: s.isShared(scope.id, with: auth.projectID))
        }
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                let scopes = s.addressScopes.values.filter { (try? s.visibleAddressScope($0.id, auth)) != nil }.map { render($0, s, auth) }
                return try Collections.respond("address_scopes", scopes, request, context)
            },
            show: { id, auth in
                let s = await store.snapshot
                return render(try s.visibleAddressScope(id, auth), s, auth)
            },
            create: { body, auth in
                let request = try AddressScopeDecoding.create(body)
                let scope = try await store.change { try $0.createAddressScope(request, auth) }
                return render(scope, await store.snapshot, auth)
            },
            update: { id, body, auth, precondition in
                let request = try AddressScopeDecoding.update(body)
                let scope = try await store.change(precondition) { try $0.updateAddressScope(id, request, auth) }
                return render(scope, await store.snapshot, auth)
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteAddressScope(id, auth) } })
    }
}
