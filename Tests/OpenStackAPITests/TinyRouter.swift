import Foundation
import Hummingbird
import OpenStackAPI
import OpenStackAPITesting

/// Tokens known by value: the smallest validator for driving ``TokenAuthMiddleware`` (the remote one is tested
/// against the real identity service in IdentityTests).
struct StaticTokens: TokenValidator {
    let known: [String: AuthContext]

    func validate(_ token: String) async throws -> AuthContext? { known[token] }
}

struct Unexpected: Error {}

/// A router using every shared convention: error styles, request ids, token middleware, `ListQuery`, bodies.
enum TinyRouter {
    static let reader = AuthContext(userID: "u1", userName: "alice", userDomainID: "default", projectID: "p1",
                                    roles: ["reader"], expiresAt: .distantFuture)
    static let admin = AuthContext(userID: "u2", userName: "root", userDomainID: "default", projectID: "p0",
                                   roles: ["admin", "member", "reader"], expiresAt: .distantFuture)

    /// Five items with names out of order, ids `i1`…`i5`.
    static let items: [JSONObject] = [("i1", "delta", 3), ("i2", "alpha", 1), ("i3", "echo", 3), ("i4", "charlie", 2), ("i5", "bravo", 1)]
        .map { item -> JSONObject in ["id": .string(item.0), "name": .string(item.1), "size": .integer(item.2), "enabled": .bool(item.2 != 2)] }

    static func make(style: ErrorStyle) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: OpenStackMiddleware(style: style) { error, _ in error.status == 401 ? [("WWW-Authenticate", "Tiny")] : [] })
        router.add(middleware: TokenAuthMiddleware(validator: StaticTokens(known: ["reader-token": reader, "admin-token": admin])) { request in
            request.uri.path.hasPrefix("/public")
        })
        router.get("/public/hello") { _, context in
            JSONResponse.make(status: 200, body: ["hello": .optional(context.auth?.userName)])
        }
        router.get("/public/fail/:status") { request, context -> Response in
            let status = Int(try context.parameters.require("status")) ?? 500
            throw APIError(status: status, message: "failed on purpose", type: request.uri.queryParameters.get("type").map { String($0) })
        }
        router.get("/public/missing") { _, _ -> Response in throw HTTPError(.notFound) }
        router.get("/public/unexpected") { _, _ -> Response in throw Unexpected() }
        router.post("/public/echo") { request, context in
            JSONResponse.make(status: 200, body: .object(try await request.jsonObject(context: context)))
        }
        router.on("/public/head", method: .head) { _, _ in JSONResponse.make(status: 200, body: ["size": 12345], head: true) }
        router.get("/whoami") { _, context in
            let auth = try context.requireAuth()
            return JSONResponse.make(status: 200, body: ["user": .string(auth.userName), "project": .optional(auth.projectID)])
        }
        router.delete("/admin-only") { _, context in
            try context.requireAdmin("tiny:delete")
            return JSONResponse.empty()
        }
        router.get("/items") { request, context in
            _ = try context.requireAuth()
            let query = try ListQuery(request.queryItems)
            let page = try query.apply(to: items)
            let links = CollectionLinks.neutron(collectionURL: context.baseURL + "/items", limit: query.limit, nextMarker: page.next)
            return JSONResponse.make(status: 200, body: ["items": .array(page.items.map(JSON.object)), "items_links": links])
        }
        return router
    }
}
