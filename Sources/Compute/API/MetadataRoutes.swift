import Hummingbird
import OpenStackAPI

/// `/servers/{id}/metadata[/{key}]`: list, replace (PUT), merge (POST), show, set and delete one item, with Nova's
/// rules: the body key must match the URI, one item per item request, at most the `metadata_items` quota (403).
struct MetadataRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        let store = store
        router.get("/v2.1/servers/:id/metadata") { _, context in
            let instance = try await store.instance(try context.parameters.require("id"), try FlavorRoutes.caller(context))
            return JSONResponse.make(status: 200, body: ["metadata": ServerView.metadata(instance.metadata)])
        }
        router.put("/v2.1/servers/:id/metadata") { request, context in
            let items = try Self.items(try await request.jsonObject(context: context), "metadata")
            let instance = try await Self.change(store, context) { $0 = items }
            return JSONResponse.make(status: 200, body: ["metadata": ServerView.metadata(instance.metadata)])
        }
        router.post("/v2.1/servers/:id/metadata") { request, context in
            let items = try Self.items(try await request.jsonObject(context: context), "metadata")
            let instance = try await Self.change(store, context) { $0.merge(items) { _, new in new } }
            return JSONResponse.make(status: 200, body: ["metadata": ServerView.metadata(instance.metadata)])
        }
        router.get("/v2.1/servers/:id/metadata/:key") { _, context in
            let key = try context.parameters.require("key")
            let instance = try await store.instance(try context.parameters.require("id"), try FlavorRoutes.caller(context))
            guard let value = instance.metadata[key] else { throw ComputeError.notFound("Metadata item was not found") }
            return JSONResponse.make(status: 200, body: ["meta": [key: .string(value)]])
        }
        router.put("/v2.1/servers/:id/metadata/:key") { request, context in
            let key = try context.parameters.require("key")
            let items = try Self.items(try await request.jsonObject(context: context), "meta")
            guard items.count <= 1 else { throw ComputeError.badRequest("Request body contains too many items") }
            guard let value = items[key] else { throw ComputeError.badRequest("Request body and URI mismatch") }
            _ = try await Self.change(store, context) { $0[key] = value }
            return JSONResponse.make(status: 200, body: ["meta": [key: .string(value)]])
        }
        router.delete("/v2.1/servers/:id/metadata/:key") { _, context in
            let key = try context.parameters.require("key")
            _ = try await Self.change(store, context) { metadata throws(ComputeError) in
                guard metadata.removeValue(forKey: key) != nil else { throw .notFound("Metadata item was not found") }
            }
            return JSONResponse.empty(status: 204)
        }
    }

    /// The `{key: value}` member `member` of the body (400 when missing or malformed).
    static func items(_ body: JSONObject, _ member: String) throws(ComputeError) -> [String: String] {
        guard body[member] != nil else { throw BodyFields.invalid(member, "'\(member)' is a required property") }
        return try BodyFields(body, path: member).stringMap(member) ?? [:]
    }

    /// Changes the metadata of the server in the path: 409 while it is being deleted, 403 over the item quota.
    static func change(_ store: ComputeStore, _ context: APIRequestContext,
                       _ edit: @escaping @Sendable (inout [String: String]) throws(ComputeError) -> Void) async throws -> Instance {
        let id = try context.parameters.require("id")
        return try await store.changeInstance(id, try FlavorRoutes.caller(context)) { instance throws(ComputeError) in
            guard instance.taskState != "deleting", instance.vmState != .deleted else {
                throw .invalidState("update_metadata", id, vmState: instance.vmState.rawValue)
            }
            var metadata = instance.metadata
            try edit(&metadata)
            try ServerRules.checkMetadata(metadata)
            instance.metadata = metadata
        }
    }
}
