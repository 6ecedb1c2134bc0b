import Hummingbird
import OpenStackAPI

/// `/flavors`: list, detail, show, admin create/delete, `os-flavor-access` and `os-extra_specs`.
struct FlavorRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        let store = store
        router.get("/v2.1/flavors") { request, context in
            let flavors = try await Self.list(request, context, store)
            return JSONResponse.make(status: 200, body: ["flavors": .array(flavors.map { FlavorView.summary($0, base: context.baseURL) })])
        }
        router.get("/v2.1/flavors/detail") { request, context in
            let flavors = try await Self.list(request, context, store)
            return JSONResponse.make(status: 200, body: ["flavors": .array(flavors.map { FlavorView.detail($0, base: context.baseURL) })])
        }
        router.get("/v2.1/flavors/:id") { _, context in
            let flavor = try await store.flavor(try context.parameters.require("id"), try Self.caller(context))
            return JSONResponse.make(status: 200, body: ["flavor": FlavorView.detail(flavor, base: context.baseURL)])
        }
        router.post("/v2.1/flavors") { request, context in
            let caller = try Self.caller(context)
            let create = try FlavorDecoding.create(try await request.jsonObject(context: context))
            let flavor = try await store.createFlavor(create, caller)
            return JSONResponse.make(status: 200, body: ["flavor": FlavorView.detail(flavor, base: context.baseURL)])
        }
        router.delete("/v2.1/flavors/:id") { _, context in
            try await store.deleteFlavor(try context.parameters.require("id"), try Self.caller(context))
            return JSONResponse.empty(status: 202)
        }
        FlavorExtraRoutes(store: store).add(to: router)
    }

    static func caller(_ context: APIRequestContext) throws -> Caller { Caller(try context.requireAuth()) }

    /// The list with Nova's filters: `is_public` (true, false, none), `minRam`, `minDisk`, and `limit`/`marker`.
    static func list(_ request: Request, _ context: APIRequestContext, _ store: ComputeStore) async throws -> [Flavor] {
        let caller = try caller(context)
        var isPublic: Bool? = true
        if let text = request.query("is_public") {
            switch text.lowercased() {
            case "none": isPublic = nil
            case "true", "1", "yes", "t", "on": isPublic = true
            case "false", "0", "no", "f", "off": isPublic = false
            default: throw ComputeError.badRequest("Invalid is_public filter [\(text)]")
            }
        }
        func number(_ name: String) throws(ComputeError) -> Int? {
            guard let text = request.query(name) else { return nil }
            guard let n = Int(text), n >= 0 else { throw .badRequest("Invalid \(name) filter [\(text)]") }
            return n
        }
        let flavors = await store.listFlavors(caller, isPublic: isPublic, minRAM: try number("minRam"), minDisk: try number("minDisk"))
        return try Paging(request).page(flavors, id: \.id, kind: "flavor")
    }
}
