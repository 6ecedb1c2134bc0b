import Hummingbird
import OpenStackAPI

/// `GET /`, `/v2.0` and `/v2.0/extensions[/<alias>]`: what the service offers.
enum DiscoveryRoutes {
    static let collections = [("network", "networks"), ("subnet", "subnets"), ("port", "ports"), ("security_group", "security-groups"),
                              ("security_group_rule", "security-group-rules"), ("router", "routers"), ("floatingip", "floatingips")]

    static func register(_ router: Router<APIRequestContext>) {
        router.get("/") { _, context in
            JSONResponse.make(status: 200, body: ["versions": [["id": "v2.0", "status": "CURRENT",
                                                                "links": [["rel": "self", "href": .string(context.baseURL + "/v2.0/")]]]]])
        }
        let resources: @Sendable (Request, APIRequestContext) -> Response = { _, context in
            let items: [JSON] = collections.map { name, collection in
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
}
