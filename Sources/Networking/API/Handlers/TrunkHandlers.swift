import Hummingbird
import OpenStackAPI

/// `/v2.0/trunks` with `add_subports`, `remove_subports` and `get_subports`.
extension NetworkingAPI {
    var trunks: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                return try Collections.respond("trunks", s.trunks.values.filter { s.owns($0.projectID, auth) }.map { Representation.trunk($0) },
                                               request, context)
            },
            show: { id, auth in
                let s = await store.snapshot
                return Representation.trunk(try s.ownTrunk(id, auth))
            },
            create: { body, auth in
                let request = try TrunkDecoding.create(body)
                let trunk = try await store.change { try $0.createTrunk(request, auth) }
                return Representation.trunk(trunk)
            },
            update: { id, body, auth, precondition in
                let request = try TrunkDecoding.update(body)
                let trunk = try await store.change(precondition) { try $0.updateTrunk(id, request, auth) }
                return Representation.trunk(trunk)
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteTrunk(id, auth) } })
    }

    func registerTrunkActions(_ router: Router<APIRequestContext>) {
        let store = store
        for (action, adding) in [("add_subports", true), ("remove_subports", false)] {
            router.put(RouterPath("/v2.0/trunks/:id/\(action)")) { request, context in
                let auth = try context.requireAuth(), id = try context.parameters.require("id")
                let subports = try TrunkDecoding.action(try await request.neutronBody(context: context))
                let trunk = try await store.change { adding ? try $0.addSubports(id, subports, auth) : try $0.removeSubports(id, subports, auth) }
                return JSONResponse.make(status: 200, body: .object(Representation.trunk(trunk)))
            }
        }
        router.get(RouterPath("/v2.0/trunks/:id/get_subports")) { _, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            let s = await store.snapshot
            let trunk = try s.ownTrunk(id, auth)
            return JSONResponse.make(status: 200, body: ["sub_ports": .array(Representation.subports(trunk).map(JSON.object))])
        }
    }
}
