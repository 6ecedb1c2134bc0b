import Hummingbird
import OpenStackAPI

/// `/v2.0/address-groups` and its `add_addresses` / `remove_addresses` actions.
extension NetworkingAPI {
    var addressGroups: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                let groups = s.addressGroups.values.filter { s.owns($0.projectID, auth) }.map(Representation.addressGroup)
                return try Collections.respond("address_groups", groups, request, context)
            },
            show: { id, auth in Representation.addressGroup(try await store.snapshot.ownAddressGroup(id, auth)) },
            create: { body, auth in
                let request = try AddressGroupDecoding.create(body)
                return Representation.addressGroup(try await store.change { try $0.createAddressGroup(request, auth) })
            },
            update: { id, body, auth, precondition in
                let request = try AddressGroupDecoding.update(body)
                return Representation.addressGroup(try await store.change(precondition) { try $0.updateAddressGroup(id, request, auth) })
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteAddressGroup(id, auth) } })
    }

    /// `PUT /v2.0/address-groups/{id}/add_addresses` and `/remove_addresses`, answering the group.
    func registerAddressGroupActions(_ router: Router<APIRequestContext>) {
        let store = store
        for (action, adding) in [("add_addresses", true), ("remove_addresses", false)] {
            router.put(RouterPath("/v2.0/address-groups/:id/\(action)")) { request, context in
                let auth = try context.requireAuth(), id = try context.parameters.require("id")
                let addresses = try AddressGroupDecoding.addresses(try await request.neutronBody(context: context))
                let group = try await store.change { try $0.changeAddresses(id, addresses, adding: adding, auth) }
                return JSONResponse.make(status: 200, body: ["address_group": .object(Representation.addressGroup(group))])
            }
        }
    }
}
