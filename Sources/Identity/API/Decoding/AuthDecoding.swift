import OpenStackAPI

/// `POST /v3/auth/tokens` bodies → ``AuthRequest``, with Keystone's 400s (and 401 for an unsupported method).
extension AuthRequest {
    /// Parses the `{"auth": {...}}` body.
    init(_ body: JSONObject) throws(APIError) {
        let auth = try BodyReader(body, entity: "auth")
        guard let identity = try auth.nested("identity", required: true) else { throw APIError.badRequest("'identity' is a required property") }
        methods = try identity.strings("methods") ?? []
        guard !methods.isEmpty else { throw APIError.badRequest("'methods' is a required property") }
        if methods.contains("password") {
            guard let pw = try identity.nested("password", required: true), let user = try pw.nested("user", required: true) else {
                throw APIError.badRequest("'password' is a required property")
            }
            let secret = try user.string("password", required: true, allowEmpty: true, maxLength: 4096) ?? ""
            if let id = try user.string("id") {
                password = (.id(id), secret)
            } else if let name = try user.string("name") {
                guard let domain = try user.nested("domain") else { throw APIError.unauthorized }
                password = (.name(name, domain: try Self.domainRef(domain)), secret)
            } else {
                throw APIError.badRequest("Invalid input for field 'identity/password/user': either 'id' or 'name' is required")
            }
        }
        if methods.contains("token") {
            guard let t = try identity.nested("token", required: true), let id = try t.string("id", required: true) else {
                throw APIError.badRequest("'token' is a required property")
            }
            token = id
        }
        if password == nil && token == nil {
            throw APIError(status: 401, message: "Attempted to authenticate with an unsupported method.")
        }
        scope = .none
        if let s = try auth.nested("scope") {
            if let p = try s.nested("project") {
                if let id = try p.string("id") { scope = .project(.id(id)) }
                else if let name = try p.string("name"), let d = try p.nested("domain") { scope = .project(.name(name, domain: try Self.domainRef(d))) }
                else { throw APIError.badRequest("Invalid input for field 'scope/project': 'id' or 'name' and 'domain' are required") }
            } else if let d = try s.nested("domain") {
                scope = .domain(try Self.domainRef(d))
            } else if let sys = try s.nested("system") {
                guard try sys.bool("all") == true else { throw APIError.badRequest("Invalid input for field 'scope/system': 'all' must be true") }
                scope = .system
            } else if s.object["OS-TRUST:trust"] != nil {
                throw APIError(status: 403, message: "Trusts are not supported.")
            }
        }
    }

    private static func domainRef(_ d: BodyReader) throws(APIError) -> DomainRef {
        if let id = try d.string("id") { return .id(id) }
        if let name = try d.string("name") { return .name(name) }
        throw APIError.badRequest("Invalid input for field 'domain': 'id' or 'name' is required")
    }
}
