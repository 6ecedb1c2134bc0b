import Hummingbird
import OpenStackAPI

/// What one collection does for each verb, in wire terms (bodies in, bodies out).
struct ResourceHandlers: Sendable {
    typealias List = @Sendable (AuthContext, Request, APIRequestContext) async throws -> Response
    typealias Show = @Sendable (String, AuthContext) async throws -> JSONObject
    typealias Create = @Sendable (JSONObject, AuthContext) async throws -> JSONObject
    typealias Update = @Sendable (String, JSONObject, AuthContext, RevisionPrecondition?) async throws -> JSONObject
    typealias Delete = @Sendable (String, AuthContext, RevisionPrecondition?) async throws -> Void

    var list: List
    var show: Show
    var create: Create
    var update: Update?
    var delete: Delete
}

/// The CRUD routes of one collection: bodies are `{"<member>": {...}}`, bulk create `{"<collection>": [...]}`.
struct ResourceRoutes {
    let collection: String
    let member: String
    let handlers: ResourceHandlers
    /// The kind whose revision an `If-Match` constrains (nil: the header is not looked at).
    var revisioned: NetworkingRules.Taggable? = nil

    func register(_ router: Router<APIRequestContext>) {
        let base = "/v2.0/\(collection)", member = member, handlers = handlers, revisioned = revisioned
        @Sendable func precondition(_ request: Request, _ id: String, _ auth: AuthContext) throws -> RevisionPrecondition? {
            guard let revisioned, let expected = try IfMatch.revision(request.headers[.ifMatch]) else { return nil }
            return RevisionPrecondition(kind: revisioned, id: id, expected: expected, auth: auth)
        }
        let plural = collection.replacingOccurrences(of: "-", with: "_")
        router.get(RouterPath(base)) { request, context in
            try await handlers.list(try context.requireAuth(), request, context)
        }
        router.get(RouterPath(base + "/:id")) { request, context in
            let object = Collections.shown(try await handlers.show(try context.parameters.require("id"), try context.requireAuth()),
                                           fields: Collections.fields(request))
            return JSONResponse.make(status: 200, body: .object(JSONObject([(member, .object(object))])))
        }
        router.post(RouterPath(base)) { request, context in
            let auth = try context.requireAuth()
            let body = try await request.neutronBody(context: context)
            if let items = body[plural]?.array {
                var created: [JSON] = []
                // All or nothing, as Neutron's bulk create: when one item is refused, those made before it are deleted again.
                do {
                    for item in items {
                        // An item may come wrapped in its member name too (`{"security_group": {...}}`), as Neutron accepts.
                        let body = item.object.flatMap { $0.keys.count == 1 ? $0[member] : nil } ?? item
                        created.append(.object(try await handlers.create(JSONObject([(member, body)]), auth)))
                    }
                } catch {
                    for made in created.reversed() {
                        if let id = made["id"]?.string { try? await handlers.delete(id, auth, nil) }
                    }
                    throw error
                }
                return JSONResponse.make(status: 201, body: .object(JSONObject([(plural, .array(created))])))
            }
            let object = try await handlers.create(body, auth)
            return JSONResponse.make(status: 201, body: .object(JSONObject([(member, .object(object))])))
        }
        if let update = handlers.update {
            router.put(RouterPath(base + "/:id")) { request, context in
                let auth = try context.requireAuth()
                let body = try await request.neutronBody(context: context), id = try context.parameters.require("id")
                let object = try await update(id, body, auth, try precondition(request, id, auth))
                return JSONResponse.make(status: 200, body: .object(JSONObject([(member, .object(object))])))
            }
        }
        router.delete(RouterPath(base + "/:id")) { request, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            try await handlers.delete(id, auth, try precondition(request, id, auth))
            return JSONResponse.empty()
        }
    }
}

extension Request {
    /// The body as a JSON object; Neutron's 400 when it is not one.
    /// Strings with NUL characters are refused: the Northbound cannot hold them.
    func neutronBody(context: APIRequestContext) async throws -> JSONObject {
        let body: JSONObject
        do {
            body = try await jsonObject(context: context)
        } catch let error as APIError where error.status == 400 {
            throw NetworkingError.badRequest("Malformed request body")
        }
        if let bad = Self.nulString(in: .object(body)) {
            throw NetworkingError.invalidInput("'\(bad.replacingOccurrences(of: "\u{0}", with: "\\u0000"))' contains a NUL character")
        }
        return body
    }

    /// The first string (value or key) holding a NUL character, if any.
    private static func nulString(in value: JSON) -> String? {
        switch value {
        case .string(let s): return s.utf8.contains(0) ? s : nil
        case .array(let items): return items.lazy.compactMap(nulString).first
        case .object(let o):
            for (key, member) in o {
                if key.utf8.contains(0) { return key }
                if let bad = nulString(in: member) { return bad }
            }
            return nil
        default: return nil
        }
    }
}
