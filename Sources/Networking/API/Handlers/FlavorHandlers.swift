import Hummingbird
import OpenStackAPI

/// `/v2.0/flavors` (read by anyone), `/v2.0/service_profiles` (admins) and the associations between them.
extension NetworkingAPI {
    var flavors: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { _, request, context in
                try Collections.respond("flavors", await store.snapshot.flavors.values.map(Representation.flavor), request, context)
            },
            show: { id, _ in Representation.flavor(try await store.snapshot.flavor(id)) },
            create: { body, auth in
                let request = try FlavorDecoding.flavor(body, create: true)
                return Representation.flavor(try await store.change { try $0.createFlavor(request, auth) })
            },
            update: { id, body, auth, precondition in
                let request = try FlavorDecoding.flavor(body, create: false)
                return Representation.flavor(try await store.change(precondition) { try $0.updateFlavor(id, request, auth) })
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteFlavor(id, auth) } })
    }

    var serviceProfiles: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { auth, request, context in
                guard auth.isAdmin else { throw NetworkingError.forbidden("get_service_profile") }
                let s = await store.snapshot
                return try Collections.respond("service_profiles", s.serviceProfiles.values.map { p in
                    Representation.serviceProfile(p, flavors: s.flavors.values.filter { $0.serviceProfiles.contains(p.id) }.map(\.id))
                }, request, context)
            },
            show: { id, auth in
                guard auth.isAdmin else { throw NetworkingError.forbidden("get_service_profile") }
                let s = await store.snapshot
                return Representation.serviceProfile(try s.serviceProfile(id), flavors: s.flavors.values.filter { $0.serviceProfiles.contains(id) }.map(\.id))
            },
            create: { body, auth in
                let request = try FlavorDecoding.serviceProfile(body, create: true)
                return Representation.serviceProfile(try await store.change { try $0.createServiceProfile(request, auth) }, flavors: [])
            },
            update: { id, body, auth, precondition in
                let request = try FlavorDecoding.serviceProfile(body, create: false)
                return Representation.serviceProfile(try await store.change(precondition) { try $0.updateServiceProfile(id, request, auth) }, flavors: [])
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteServiceProfile(id, auth) } })
    }

    func registerFlavorAssociations(_ router: Router<APIRequestContext>) {
        let store = store
        router.post(RouterPath("/v2.0/flavors/:id/service_profiles")) { request, context in
            let auth = try context.requireAuth(), flavor = try context.parameters.require("id")
            let profile = try FlavorDecoding.association(try await request.neutronBody(context: context))
            try await store.change { try $0.associate(profile, with: flavor, associating: true, auth) }
            return JSONResponse.make(status: 201, body: ["service_profile": ["id": .string(profile)]])
        }
        router.delete(RouterPath("/v2.0/flavors/:id/service_profiles/:profile")) { _, context in
            let auth = try context.requireAuth(), flavor = try context.parameters.require("id")
            let profile = try context.parameters.require("profile")
            try await store.change { try $0.associate(profile, with: flavor, associating: false, auth) }
            return JSONResponse.empty()
        }
    }
}
