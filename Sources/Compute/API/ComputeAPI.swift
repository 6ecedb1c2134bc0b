import Hummingbird
import OpenStackAPI

/// The Compute API (the Nova v2.1 subset): every route behind the microversion middleware, Nova's error style and
/// token authentication (the version documents are open). `GET /` lists v2.0 (the legacy API, SUPPORTED, no
/// microversions) and v2.1 with 200, as Nova does; `/v2` and `/v2.1` answer their own version document.
struct ComputeAPI: Sendable {
    let store: ComputeStore
    let drivers: Drivers

    func router(validator: any TokenValidator) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: MicroversionMiddleware())
        router.add(middleware: OpenStackMiddleware(style: .nova))
        router.add(middleware: TokenAuthMiddleware(validator: validator) { request in
            ["/", "/v2", "/v2/", "/v2.1", "/v2.1/"].contains(request.uri.path)
        })
        router.get("/") { _, context in
            JSONResponse.make(status: 200, body: ["versions": [Self.legacyVersion(context.baseURL), Self.version(context.baseURL)]])
        }
        let document: @Sendable (Request, APIRequestContext) -> Response = { _, context in
            JSONResponse.make(status: 200, body: ["version": Self.version(context.baseURL)])
        }
        let legacy: @Sendable (Request, APIRequestContext) -> Response = { _, context in
            JSONResponse.make(status: 200, body: ["version": Self.legacyVersion(context.baseURL)])
        }
        router.get("/v2.1", use: document)
        router.get("/v2", use: legacy)
        ExtensionRoutes().add(to: router)
        FlavorRoutes(store: store).add(to: router)
        KeypairRoutes(store: store).add(to: router)
        ServerRoutes(store: store, drivers: drivers).add(to: router)
        InfoRoutes(store: store).add(to: router)
        QuotaRoutes(store: store).add(to: router)
        EventRoutes(store: store, drivers: drivers).add(to: router)
        InternalRoutes(store: store, drivers: drivers).add(to: router)
        MetadataSourceRoutes(store: store, drivers: drivers).add(to: router)
        return router
    }

    /// The v2.1 entry of the version documents.
    static func version(_ base: String) -> JSON {
        ["id": "v2.1", "status": "CURRENT", "version": .string(Microversion.max.description), "min_version": .string(Microversion.min.description),
         "updated": "2013-07-23T11:33:21Z",
         "links": [["rel": "self", "href": .string(base + "/v2.1/")], ["rel": "describedby", "type": "text/html", "href": "http://docs.openstack.org/"]],
         "media-types": [["base": "application/json", "type": "application/vnd.openstack.compute+json;version=2.1"]]]
    }

    /// The v2.0 entry: Nova's legacy API, listed first and without microversions.
    static func legacyVersion(_ base: String) -> JSON {
        ["id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": "", "updated": "2011-01-21T11:33:21Z",
         "links": [["rel": "self", "href": .string(base + "/v2/")], ["rel": "describedby", "type": "text/html", "href": "http://docs.openstack.org/"]],
         "media-types": [["base": "application/json", "type": "application/vnd.openstack.compute+json;version=2"]]]
    }

    /// The microversion of a request (already checked by the middleware).
    static func version(_ request: Request) -> Microversion {
        (try? Microversion.requested(standard: request.headers[MicroversionMiddleware.standard],
                                     legacy: request.headers[MicroversionMiddleware.legacy])) ?? .min
    }
}
