import Hummingbird
import OpenStackAPI

/// The routes of the Networking API v2.0.
enum NetworkingRouter {
    static func make(_ core: NetworkingCore, validator: any TokenValidator) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: OpenStackMiddleware(style: .neutron))
        router.add(middleware: TokenAuthMiddleware(validator: validator) { request in
            let path = request.uri.path
            return path == "/" || path == "/v2.0" || path == "/v2.0/"
        })
        versions(router)
        resource(router, "networks", "network",
                 list: { a, r in
                     await core.listNetworks(a)
                 },
                 show: { try await core.showNetwork($0, $1) }, create: { try await core.createNetwork($0, $1) },
                 update: { try await core.updateNetwork($0, $1, $2) }, delete: { try await core.deleteNetwork($0, $1) })
        resource(router, "subnets", "subnet", list: { a, _ in await core.listSubnets(a) }, show: { try await core.showSubnet($0, $1) },
                 create: { try await core.createSubnet($0, $1) }, update: { try await core.updateSubnet($0, $1, $2) },
                 delete: { try await core.deleteSubnet($0, $1) })
        resource(router, "ports", "port", list: { a, _ in await core.listPorts(a) },
                 show: { try await core.showPort($0, $1) }, create: { try await core.createPort($0, $1) },
                 update: { try await core.updatePort($0, $1, $2) }, delete: { try await core.deletePort($0, $1) },
                 fastList: { request, context in try await core.listPortsResponse(request, context) })
        resource(router, "security-groups", "security_group", list: { a, _ in try await core.listGroups(a) },
                 show: { try await core.showGroup($0, $1) }, create: { try await core.createGroup($0, $1) },
                 update: { try await core.updateGroup($0, $1, $2) }, delete: { try await core.deleteGroup($0, $1) })
        resource(router, "security-group-rules", "security_group_rule", list: { a, _ in await core.listRules(a) },
                 show: { try await core.showRule($0, $1) }, create: { try await core.createRule($0, $1) },
                 update: nil, delete: { try await core.deleteRule($0, $1) })
        resource(router, "routers", "router", list: { a, _ in await core.listRouters(a) }, show: { try await core.showRouter($0, $1) },
                 create: { try await core.createRouter($0, $1) }, update: { try await core.updateRouter($0, $1, $2) },
                 delete: { try await core.deleteRouter($0, $1) })
        router.put("/v2.0/routers/:id/add_router_interface") { request, context in
            let auth = try context.requireAuth()
            let body = try await request.neutronBody(context: context)
            return JSONResponse.make(status: 200, body: .object(try await core.addInterface(try context.parameters.require("id"), body, auth)))
        }
        router.put("/v2.0/routers/:id/remove_router_interface") { request, context in
            let auth = try context.requireAuth()
            let body = try await request.neutronBody(context: context)
            return JSONResponse.make(status: 200, body: .object(try await core.removeInterface(try context.parameters.require("id"), body, auth)))
        }
        resource(router, "floatingips", "floatingip", list: { a, _ in await core.listFloatingIPs(a) },
                 show: { try await core.showFloatingIP($0, $1) }, create: { try await core.createFloatingIP($0, $1) },
                 update: { try await core.updateFloatingIP($0, $1, $2) }, delete: { try await core.deleteFloatingIP($0, $1) })
        TagRoutes.register(router, core)
        return router
    }

    private static func versions(_ router: Router<APIRequestContext>) {
        router.get("/") { _, context in
            JSONResponse.make(status: 200, body: ["versions": [["id": "v2.0", "status": "CURRENT",
                                                                "links": [["rel": "self", "href": .string(context.baseURL + "/v2.0/")]]]]])
        }
        let resources: @Sendable (Request, APIRequestContext) -> Response = { _, context in
            let items: [JSON] = [("network", "networks"), ("subnet", "subnets"), ("port", "ports"), ("security_group", "security-groups"),
                                 ("security_group_rule", "security-group-rules"), ("router", "routers"), ("floatingip", "floatingips")].map { name, collection in
                ["name": .string(name), "collection": .string(collection),
                 "links": [["rel": "self", "href": .string(context.baseURL + "/v2.0/" + collection)]]]
            }
            return JSONResponse.make(status: 200, body: ["resources": .array(items)])
        }
        router.get("/v2.0", use: resources)
        router.get("/v2.0/extensions") { _, _ in
            JSONResponse.make(status: 200, body: ["extensions": .array(Extensions.all.map(Extensions.json))])
        }
        router.get("/v2.0/extensions/:alias") { _, context in
            let alias = try context.parameters.require("alias")
            guard let e = Extensions.all.first(where: { $0.alias == alias }) else {
                throw APIError(status: 404, message: "Extension with alias \(alias) does not exist", type: "HTTPNotFound")
            }
            return JSONResponse.make(status: 200, body: ["extension": Extensions.json(e)])
        }
    }

    typealias List = @Sendable (AuthContext, Request) async throws -> [JSONObject]
    typealias Show = @Sendable (String, AuthContext) async throws -> JSONObject
    typealias Create = @Sendable (JSONObject, AuthContext) async throws -> JSONObject
    typealias Update = @Sendable (String, JSONObject, AuthContext) async throws -> JSONObject
    typealias Delete = @Sendable (String, AuthContext) async throws -> Void

    /// CRUD routes of one collection; bodies are `{"<member>": {...}}` (bulk create as `{"<collection>": [...]}`).
    private static func resource(_ router: Router<APIRequestContext>, _ collection: String, _ member: String,
                                 list: @escaping List, show: @escaping Show, create: @escaping Create, update: Update?, delete: @escaping Delete,
                                 fastList: (@Sendable (Request, APIRequestContext) async throws -> Response)? = nil) {
        let base = "/v2.0/\(collection)"
        router.get(RouterPath(base)) { request, context in
            if let fastList { return try await fastList(request, context) }
            return try Collections.respond(collection.replacingOccurrences(of: "-", with: "_"), try await list(try context.requireAuth(), request), request, context)
        }
        router.get(RouterPath(base + "/:id")) { request, context in
            var object = try await show(try context.parameters.require("id"), try context.requireAuth())
            let fields = request.queryItems.filter { $0.0 == "fields" }.flatMap { $0.1.split(separator: ",").map(String.init) }
            if !fields.isEmpty { object = JSONObject(object.members.filter { fields.contains($0.key) }.map { ($0.key, $0.value) }) }
            return JSONResponse.make(status: 200, body: .object(JSONObject([(member, .object(object))])))
        }
        router.post(RouterPath(base)) { request, context in
            let auth = try context.requireAuth()
            let body = try await request.neutronBody(context: context)
            let plural = collection.replacingOccurrences(of: "-", with: "_")
            if let items = body[plural]?.array {
                var created: [JSON] = []
                for item in items {
                    created.append(.object(try await create(JSONObject([(member, item)]), auth)))
                }
                return JSONResponse.make(status: 201, body: .object(JSONObject([(plural, .array(created))])))
            }
            let object = try await create(body, auth)
            return JSONResponse.make(status: 201, body: .object(JSONObject([(member, .object(object))])))
        }
        if let update {
            router.put(RouterPath(base + "/:id")) { request, context in
                let auth = try context.requireAuth()
                let body = try await request.neutronBody(context: context)
                let object = try await update(try context.parameters.require("id"), body, auth)
                return JSONResponse.make(status: 200, body: .object(JSONObject([(member, .object(object))])))
            }
        }
        router.delete(RouterPath(base + "/:id")) { _, context in
            try await delete(try context.parameters.require("id"), try context.requireAuth())
            return JSONResponse.empty()
        }
    }
}

extension Request {
    /// The body as a JSON object; Neutron's 400 when it is not one.
    func neutronBody(context: APIRequestContext) async throws -> JSONObject {
        do {
            return try await jsonObject(context: context)
        } catch let error as APIError where error.status == 400 {
            throw NeutronErrors.badRequest("Malformed request body")
        }
    }
}
