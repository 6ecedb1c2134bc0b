import Hummingbird
import OpenStackAPI

/// `/v2.0/routers` with their interface actions, and `/v2.0/floatingips`.
extension NetworkingAPI {
    var routers: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                let routers = s.routers.values.filter { s.owns($0.projectID, auth) }.map { Representation.router($0, in: s) }
                return try Collections.respond("routers", routers, request, context)
            },
            show: { id, auth in
                let s = await store.snapshot
                return Representation.router(try s.ownRouter(id, auth), in: s)
            },
            create: { body, auth in
                let request = try RouterDecoding.create(body)
                let r = try await store.change { try $0.quotaChecked(.router, $0.createRouter(request, auth)) }
                return Representation.router(r, in: await store.snapshot)
            },
            update: { id, body, auth, precondition in
                let request = try RouterDecoding.update(body)
                let r = try await store.change(precondition) { try $0.updateRouter(id, request, auth) }
                return Representation.router(r, in: await store.snapshot)
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteRouter(id, auth) } })
    }

    /// `PUT /v2.0/routers/{id}/add_router_interface` and `…/remove_router_interface`.
    func registerInterfaceRoutes(_ router: Router<APIRequestContext>) {
        let store = store
        router.put("/v2.0/routers/:id/add_router_interface") { request, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            let interface = try RouterDecoding.interface(try await request.neutronBody(context: context))
            let (r, p) = try await store.change { try $0.addInterface(id, interface, auth) }
            return JSONResponse.make(status: 200, body: .object(Representation.interface(r, p)))
        }
        router.put("/v2.0/routers/:id/remove_router_interface") { request, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            let interface = try RouterDecoding.interface(try await request.neutronBody(context: context))
            let (r, p) = try await store.change { try $0.removeInterface(id, interface, auth) }
            return JSONResponse.make(status: 200, body: .object(Representation.interface(r, p)))
        }
    }

    var floatingIPs: ResourceHandlers {
        let store = store
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                let fips = s.floatingIPs.values.filter { s.owns($0.projectID, auth) }.map { Representation.floatingIP($0, in: s) }
                return try Collections.respond("floatingips", fips, request, context)
            },
            show: { id, auth in
                let s = await store.snapshot
                return Representation.floatingIP(try s.ownFloatingIP(id, auth), in: s)
            },
            create: { body, auth in
                let request = try FloatingIPDecoding.create(body)
                let f = try await store.change { try $0.quotaChecked(.floatingip, $0.createFloatingIP(request, auth)) }
                return Representation.floatingIP(f, in: await store.snapshot)
            },
            update: { id, body, auth, precondition in
                let request = try FloatingIPDecoding.update(body)
                let f = try await store.change(precondition) { try $0.updateFloatingIP(id, request, auth) }
                return Representation.floatingIP(f, in: await store.snapshot)
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteFloatingIP(id, auth) } })
    }
}
