import Hummingbird
import OpenStackAPI

/// `/v2.0/ports/{id}/bindings`, `…/{host}` and `…/{host}/activate` (`binding-extended`).
extension NetworkingAPI {
    func registerPortBindingRoutes(_ router: Router<APIRequestContext>) {
        let store = store
        // The port is `:id`, as in the port routes (Hummingbird wants one name per path segment).
        let base = "/v2.0/ports/:id/bindings"
        @Sendable func answer(_ b: PortBinding, _ status: PortBinding.Status, code: Int = 200, fields: [String] = []) -> Response {
            JSONResponse.make(status: code, body: ["binding": .object(Collections.shown(Representation.portBinding(b, status), fields: fields))])
        }
        router.get(RouterPath(base)) { request, context in
            let auth = try context.requireAuth(), port = try context.parameters.require("id")
            let p = try await store.snapshot.bindingPort(port, auth, action: "get_port_binding")
            return try Collections.respond("bindings", p.bindings.map { Representation.portBinding($0.binding, $0.status) }, idKey: "host",
                                           request, context)
        }
        router.post(RouterPath(base)) { request, context in
            let auth = try context.requireAuth(), port = try context.parameters.require("id")
            let r = try PortBindingDecoding.request(try await request.neutronBody(context: context), create: true)
            return answer(try await store.change { try $0.createPortBinding(port, r, auth) }, .inactive, code: 201)
        }
        router.get(RouterPath(base + "/:host")) { request, context in
            let auth = try context.requireAuth(), port = try context.parameters.require("id"), host = try context.parameters.require("host")
            let p = try await store.snapshot.bindingPort(port, auth, action: "get_port_binding")
            guard let (b, status) = p.binding(on: host) else { throw NetworkingRules.bindingNotFound(port, host) }
            return answer(b, status, fields: Collections.fields(request))
        }
        router.put(RouterPath(base + "/:host")) { request, context in
            let auth = try context.requireAuth(), port = try context.parameters.require("id"), host = try context.parameters.require("host")
            let r = try PortBindingDecoding.request(try await request.neutronBody(context: context), create: false)
            let (b, status) = try await store.change { try $0.updatePortBinding(port, host: host, r, auth) }
            return answer(b, status)
        }
        // Nova sends no body.
        router.put(RouterPath(base + "/:host/activate")) { _, context in
            let auth = try context.requireAuth(), port = try context.parameters.require("id"), host = try context.parameters.require("host")
            return answer(try await store.change { try $0.activatePortBinding(port, host: host, auth) }, .active)
        }
        router.delete(RouterPath(base + "/:host")) { _, context in
            let auth = try context.requireAuth(), port = try context.parameters.require("id"), host = try context.parameters.require("host")
            try await store.change { try $0.deletePortBinding(port, host: host, auth) }
            return JSONResponse.empty()
        }
    }
}
