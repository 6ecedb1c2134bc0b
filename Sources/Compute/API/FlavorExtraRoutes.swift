import Hummingbird
import OpenStackAPI

/// `os-extra_specs` and `os-flavor-access` (with the `addTenantAccess`/`removeTenantAccess` actions), admin-only changes.
struct FlavorExtraRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        let store = store
        router.get("/v2.1/flavors/:id/os-extra_specs") { _, context in
            let flavor = try await store.flavor(try context.parameters.require("id"), try FlavorRoutes.caller(context))
            return JSONResponse.make(status: 200, body: ["extra_specs": Self.specs(flavor.extraSpecs)])
        }
        router.post("/v2.1/flavors/:id/os-extra_specs") { request, context in
            let body = try await request.jsonObject(context: context)
            guard let specs = try BodyFields(body, path: "").stringMap("extra_specs") else {
                throw BodyFields.invalid("extra_specs", "'extra_specs' is a required property")
            }
            let flavor = try await store.changeFlavor(try context.parameters.require("id"), try FlavorRoutes.caller(context),
                                                      rule: "os_compute_api:os-flavor-extra-specs:create") { flavor in
                flavor.extraSpecs.merge(specs) { $1 }
            }
            return JSONResponse.make(status: 200, body: ["extra_specs": Self.specs(flavor.extraSpecs)])
        }
        router.get("/v2.1/flavors/:id/os-extra_specs/:key") { _, context in
            let key = try context.parameters.require("key")
            let flavor = try await store.flavor(try context.parameters.require("id"), try FlavorRoutes.caller(context))
            guard let value = flavor.extraSpecs[key] else { throw ComputeError.notFound("Flavor \(flavor.id) has no extra specs with key \(key).") }
            return JSONResponse.make(status: 200, body: .object(JSONObject([(key, .string(value))])))
        }
        router.put("/v2.1/flavors/:id/os-extra_specs/:key") { request, context in
            let key = try context.parameters.require("key")
            let body = try await request.jsonObject(context: context)
            guard body.count == 1, let value = body[key]?.string, value.count <= 255 else {
                throw ComputeError.badRequest("Request body and URI mismatch")
            }
            _ = try await store.changeFlavor(try context.parameters.require("id"), try FlavorRoutes.caller(context),
                                             rule: "os_compute_api:os-flavor-extra-specs:update") { $0.extraSpecs[key] = value }
            return JSONResponse.make(status: 200, body: .object(JSONObject([(key, .string(value))])))
        }
        router.delete("/v2.1/flavors/:id/os-extra_specs/:key") { _, context in
            let key = try context.parameters.require("key")
            _ = try await store.changeFlavor(try context.parameters.require("id"), try FlavorRoutes.caller(context),
                                             rule: "os_compute_api:os-flavor-extra-specs:delete") { flavor throws(ComputeError) in
                guard flavor.extraSpecs.removeValue(forKey: key) != nil else {
                    throw .notFound("Flavor \(flavor.id) has no extra specs with key \(key).")
                }
            }
            return JSONResponse.empty(status: 200)
        }
        router.get("/v2.1/flavors/:id/os-flavor-access") { _, context in
            let caller = try FlavorRoutes.caller(context)
            guard caller.isAdmin else { throw ComputeError.policy("os_compute_api:os-flavor-access") }
            let flavor = try await store.flavor(try context.parameters.require("id"), caller)
            guard !flavor.isPublic else { throw ComputeError.notFound("Access list not available for public flavors.") }
            return JSONResponse.make(status: 200, body: FlavorView.access(flavor))
        }
        router.post("/v2.1/flavors/:id/action") { request, context in
            let body = try await request.jsonObject(context: context)
            let add = body["addTenantAccess"] != nil
            guard let tenant = (body["addTenantAccess"] ?? body["removeTenantAccess"])?["tenant"]?.string, !tenant.isEmpty else {
                throw ComputeError.badRequest("Invalid input: addTenantAccess or removeTenantAccess with a 'tenant' is required.")
            }
            let flavor = try await store.changeFlavor(try context.parameters.require("id"), try FlavorRoutes.caller(context),
                                                      rule: "os_compute_api:os-flavor-access:\(add ? "add" : "remove")_tenant_access") { flavor throws(ComputeError) in
                if add {
                    guard !flavor.isPublic else { throw .conflict("Can not add access to a public flavor.") }
                    guard !flavor.projects.contains(tenant) else {
                        throw .conflict("Flavor access already exists for flavor \(flavor.id) and project \(tenant) combination.")
                    }
                    flavor.projects.append(tenant)
                } else {
                    guard flavor.projects.contains(tenant) else {
                        throw .notFound("Flavor access not found for \(flavor.id) / \(tenant) combination.")
                    }
                    flavor.projects.removeAll { $0 == tenant }
                }
            }
            return JSONResponse.make(status: 200, body: FlavorView.access(flavor))
        }
    }

    static func specs(_ specs: [String: String]) -> JSON {
        .object(JSONObject(specs.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))
    }
}
