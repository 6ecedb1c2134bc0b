import Hummingbird
import OpenStackAPI

/// What every identity route needs: the store, the token service and the password hasher.
struct IdentityContext: Sendable {
    let store: IdentityStore
    let tokens: TokenService
    let hasher: PasswordHasher
    let region: String

    var authenticator: Authenticator { Authenticator(store: store, tokens: tokens, hasher: hasher) }

    /// A Keystone collection answer with filters, sorting, `fields` and `limit`/`marker` applied.
    func list(_ key: String, _ objects: [JSONObject], _ request: Request, _ context: APIRequestContext, ignore: Set<String> = []) throws -> Response {
        let query = try ListQuery(request.queryItems, ignore: ignore)
        let page = try query.apply(to: objects)
        let selfURL = context.baseURL + request.uri.string
        let next = page.next.map { marker in context.baseURL + request.uri.path + "?limit=\(query.limit ?? 0)&marker=\(marker)" }
        return JSONResponse.make(status: 200, body: [key: .array(page.items.map(JSON.object)),
                                                     "links": CollectionLinks.keystone(selfURL: selfURL, next: next)])
    }

    /// A single-entity answer `{"<key>": {...}}`.
    func entity(_ key: String, _ object: JSONObject, status: Int = 200, head: Bool = false) -> Response {
        JSONResponse.make(status: status, body: .object(JSONObject([(key, .object(object))])), head: head)
    }
}
