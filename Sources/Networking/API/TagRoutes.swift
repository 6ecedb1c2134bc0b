import Hummingbird
import OpenStackAPI

/// `/v2.0/<collection>/<id>/tags[/<tag>]`.
enum TagRoutes {
    static func register(_ router: Router<APIRequestContext>, _ core: NetworkingCore) {
        router.get("/v2.0/:collection/:id/tags") { _, context in
            let (kind, id, auth) = try target(context)
            return JSONResponse.make(status: 200, body: tagsBody(try await core.tags(kind, id, auth)))
        }
        router.get("/v2.0/:collection/:id/tags/:tag") { _, context in
            let (kind, id, auth) = try target(context)
            let tag = try context.parameters.require("tag")
            guard try await core.tags(kind, id, auth).contains(tag) else { throw notFound(tag, kind, id) }
            return JSONResponse.empty()
        }
        router.put("/v2.0/:collection/:id/tags") { request, context in
            let (kind, id, auth) = try target(context)
            let body = try await request.neutronBody(context: context)
            guard let items = body["tags"]?.array else { throw NeutronErrors.badRequest("Invalid tags body") }
            var tags: [String] = []
            for item in items {
                guard let s = item.string else { throw NeutronErrors.invalidInput("'\(item.text)' is not a valid tag") }
                let tag = try NetworkingCore.validTag(s)
                if !tags.contains(tag) { tags.append(tag) }
            }
            let replacement = tags
            let result = try await core.changeTags(kind, id, auth) { $0 = replacement }
            return JSONResponse.make(status: 200, body: tagsBody(result))
        }
        router.put("/v2.0/:collection/:id/tags/:tag") { _, context in
            let (kind, id, auth) = try target(context)
            let tag = try NetworkingCore.validTag(try context.parameters.require("tag"))
            _ = try await core.changeTags(kind, id, auth) { if !$0.contains(tag) { $0.append(tag) } }
            return JSONResponse.empty(status: 201)
        }
        router.delete("/v2.0/:collection/:id/tags") { _, context in
            let (kind, id, auth) = try target(context)
            _ = try await core.changeTags(kind, id, auth) { $0 = [] }
            return JSONResponse.empty()
        }
        router.delete("/v2.0/:collection/:id/tags/:tag") { _, context in
            let (kind, id, auth) = try target(context)
            let tag = try context.parameters.require("tag")
            _ = try await core.changeTags(kind, id, auth) { tags in
                guard tags.contains(tag) else { throw notFound(tag, kind, id) }
                tags.removeAll { $0 == tag }
            }
            return JSONResponse.empty()
        }
    }

    @Sendable static func target(_ context: APIRequestContext) throws -> (NetworkingCore.Taggable, String, AuthContext) {
        let collection = try context.parameters.require("collection")
        guard let kind = NetworkingCore.Taggable(rawValue: collection) else { throw HTTPError(.notFound) }
        return (kind, try context.parameters.require("id"), try context.requireAuth())
    }

    @Sendable static func tagsBody(_ tags: [String]) -> JSON { ["tags": .array(tags.map(JSON.string))] }

    static func notFound(_ tag: String, _ kind: NetworkingCore.Taggable, _ id: String) -> APIError {
        APIError(status: 404, message: "Tag \(tag) could not be found for \(kind.rawValue.dropLast()) \(id).", type: "TagNotFound")
    }
}
