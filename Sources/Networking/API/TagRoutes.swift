import Hummingbird
import OpenStackAPI

/// `/v2.0/<collection>/<id>/tags[/<tag>]`.
struct TagRoutes {
    typealias Taggable = NetworkingRules.Taggable
    let store: NetworkingStore

    /// The routes under `/v2.0/<collection>`; QoS policies' tags are at `/v2.0/policies/<id>/tags`, as Neutron's tag
    /// extension puts them.
    func register(_ router: Router<APIRequestContext>) {
        let store = store, prefix = "/v2.0/:collection"
        router.get(RouterPath(prefix + "/:id/tags")) { _, context in
            let (kind, id, auth) = try Self.target(context)
            return JSONResponse.make(status: 200, body: Self.body(try await store.snapshot.tags(kind, id, auth)))
        }
        router.get(RouterPath(prefix + "/:id/tags/:tag")) { _, context in
            let (kind, id, auth) = try Self.target(context)
            let tag = try context.parameters.require("tag")
            guard try await store.snapshot.tags(kind, id, auth).contains(tag) else { throw Self.notFound(tag, kind, id) }
            return JSONResponse.empty()
        }
        router.put(RouterPath(prefix + "/:id/tags")) { request, context in
            let (kind, id, auth) = try Self.target(context)
            let body = try await request.neutronBody(context: context)
            guard let items = body["tags"]?.array else { throw NetworkingError.badRequest("Invalid tags body") }
            var tags: [String] = []
            for item in items {
                guard let s = item.string else { throw NetworkingError.invalidInput("'\(item.text)' is not a valid tag") }
                let tag = try NetworkingRules.validTag(s)
                if !tags.contains(tag) { tags.append(tag) }
            }
            let replacement = tags
            let result = try await store.change { try $0.changeTags(kind, id, auth) { $0 = replacement } }
            return JSONResponse.make(status: 200, body: Self.body(result))
        }
        router.put(RouterPath(prefix + "/:id/tags/:tag")) { _, context in
            let (kind, id, auth) = try Self.target(context)
            let tag = try NetworkingRules.validTag(try context.parameters.require("tag"))
            _ = try await store.change { try $0.changeTags(kind, id, auth) { if !$0.contains(tag) { $0.append(tag) } } }
            return JSONResponse.empty(status: 201)
        }
        router.delete(RouterPath(prefix + "/:id/tags")) { _, context in
            let (kind, id, auth) = try Self.target(context)
            _ = try await store.change { try $0.changeTags(kind, id, auth) { $0 = [] } }
            return JSONResponse.empty()
        }
        router.delete(RouterPath(prefix + "/:id/tags/:tag")) { _, context in
            let (kind, id, auth) = try Self.target(context)
            let tag = try context.parameters.require("tag")
            _ = try await store.change {
                try $0.changeTags(kind, id, auth) { (tags: inout [String]) throws(NetworkingError) in
                    guard tags.contains(tag) else { throw Self.notFound(tag, kind, id) }
                    tags.removeAll { $0 == tag }
                }
            }
            return JSONResponse.empty()
        }
    }

    static func target(_ context: APIRequestContext) throws -> (Taggable, String, AuthContext) {
        let collection = try context.parameters.require("collection")
        guard let kind = Taggable(rawValue: collection) else { throw HTTPError(.notFound) }
        return (kind, try context.parameters.require("id"), try context.requireAuth())
    }

    static func body(_ tags: [String]) -> JSON { ["tags": .array(tags.map(JSON.string))] }

    static func notFound(_ tag: String, _ kind: Taggable, _ id: String) -> NetworkingError {
        NetworkingError(.notFound, "TagNotFound", "Tag \(tag) could not be found for \(kind.member) \(id).")
    }
}
