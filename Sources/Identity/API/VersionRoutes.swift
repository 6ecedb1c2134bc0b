import Hummingbird
import OpenStackAPI

/// `GET /` (300 Multiple Choices) and `GET /v3`.
enum VersionRoutes {
    static let v3 = APIVersion(id: "v3.14", status: "stable", updated: "2020-04-07T00:00:00Z", path: "/v3/",
                               mediaType: "application/vnd.openstack.identity-v3+json")

    static func register(on router: Router<APIRequestContext>) {
        router.get("/") { _, context in
            JSONResponse.make(status: 300, body: ["versions": ["values": [v3.json(baseURL: context.baseURL)]]],
                              headers: [("Location", context.baseURL + "/v3/")])
        }
        router.get("/v3") { _, context in
            JSONResponse.make(status: 200, body: ["version": v3.json(baseURL: context.baseURL)])
        }
    }
}
