import Hummingbird
import OpenStackAPI

/// `/v2.0/floatingips/{id}/port_forwardings` and `…/{pf_id}`.
extension NetworkingAPI {
    func registerPortForwardingRoutes(_ router: Router<APIRequestContext>) {
        let store = store
        // The floating IP is `:id`, as in the floating IP routes (Hummingbird wants one name per path segment).
        let base = "/v2.0/floatingips/:id/port_forwardings"
        @Sendable func answer(_ f: PortForwarding, status: Int = 200) -> Response {
            JSONResponse.make(status: status, body: ["port_forwarding": .object(Representation.portForwarding(f))])
        }
        router.get(RouterPath(base)) { request, context in
            let auth = try context.requireAuth(), fip = try context.parameters.require("id")
            let s = await store.snapshot
            _ = try s.ownFloatingIP(fip, auth)
            return try Collections.respond("port_forwardings", s.portForwardings(of: fip).map(Representation.portForwarding), request, context)
        }
        router.post(RouterPath(base)) { request, context in
            let auth = try context.requireAuth(), fip = try context.parameters.require("id")
            let r = try PortForwardingDecoding.request(try await request.neutronBody(context: context), create: true)
            return answer(try await store.change { try $0.createPortForwarding(fip, r, auth) }, status: 201)
        }
        router.get(RouterPath(base + "/:pf")) { _, context in
            let auth = try context.requireAuth(), fip = try context.parameters.require("id"), id = try context.parameters.require("pf")
            return answer(try await store.snapshot.visibleForwarding(fip, id, auth))
        }
        router.put(RouterPath(base + "/:pf")) { request, context in
            let auth = try context.requireAuth(), fip = try context.parameters.require("id"), id = try context.parameters.require("pf")
            let r = try PortForwardingDecoding.request(try await request.neutronBody(context: context), create: false)
            return answer(try await store.change { try $0.updatePortForwarding(fip, id, r, auth) })
        }
        router.delete(RouterPath(base + "/:pf")) { _, context in
            let auth = try context.requireAuth(), fip = try context.parameters.require("id"), id = try context.parameters.require("pf")
            try await store.change { try $0.deletePortForwarding(fip, id, auth) }
            return JSONResponse.empty()
        }
    }
}
