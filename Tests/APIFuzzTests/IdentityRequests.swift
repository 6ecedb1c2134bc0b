import OpenStackAPI
import OpenStackAPITesting

/// Requests for every resource and verb of the Identity API. Only what the fuzzer created is patched or deleted,
/// so the bootstrap admin that the networking service validates tokens with stays as it is.
enum IdentityRequests {
    static let collections = ["projects", "users", "roles", "domains", "services", "endpoints", "regions"]

    static let attributes: [String: [String]] = [
        "projects": ["name", "domain_id", "enabled", "description", "tags", "parent_id", "is_domain"],
        "users": ["name", "password", "enabled", "default_project_id", "domain_id", "email", "options"],
        "roles": ["name", "domain_id", "description"],
        "domains": ["name", "enabled", "description"],
        "services": ["type", "name", "enabled", "description"],
        "endpoints": ["service_id", "interface", "url", "region_id", "enabled"],
        "regions": ["id", "description", "parent_region_id"],
    ]

    static func make(_ pool: FuzzPool, bootstrap: FuzzPool, _ r: inout FuzzRandom) -> FuzzRequest {
        let collection = r.pick(collections)
        let base = "/v3/\(collection)"
        var body = FuzzBody()
        func payload() -> [UInt8] {
            if r.chance(0.1) { return FuzzBody.junk(&r) }
            var attributes = valid(collection, pool, &r)
            for _ in 0..<(r.chance(0.5) ? 0 : r.int(1...3)) {
                attributes[r.chance(0.15) ? "unknown_\(r.int(0...9))" : r.pick(Self.attributes[collection]!)] = body.weird(&r)
            }
            return body.bytes([String(collection.dropLast()): .object(attributes)])
        }
        // Reads may name the bootstrap entities too; writes only the fuzzer's own.
        var readable = pool
        for id in bootstrap.all(collection) { readable.add(collection, id) }
        switch r.int(0...15) {
        case 0...2:
            return FuzzRequest(service: .identity, method: "GET", path: base + FuzzQuery.make(attributes[collection]!, readable, collection, &r))
        case 3...4:
            return FuzzRequest(service: .identity, method: r.pick(["GET", "HEAD"]), path: "\(base)/\(readable.id(collection, &r))")
        case 5...8:
            return FuzzRequest(service: .identity, method: collection == "regions" && r.chance(0.3) ? "PUT" : "POST",
                               path: collection == "regions" && r.chance(0.3) ? "\(base)/fz-region-\(r.int(0...99))" : base,
                               body: payload(), collection: collection)
        case 9:
            return FuzzRequest(service: .identity, method: "PATCH", path: "\(base)/\(pool.id(collection, &r))", body: payload())
        case 10:
            return FuzzRequest(service: .identity, method: "DELETE", path: "\(base)/\(pool.id(collection, &r))", collection: collection)
        case 11:
            // Grants: a fuzzer's user on any project or domain, with any role.
            let target = r.chance(0.7) ? "/v3/projects/\(readable.id("projects", &r))" : r.chance(0.5) ? "/v3/domains/\(readable.id("domains", &r))" : "/v3/system"
            let path = "\(target)/users/\(pool.id("users", &r))/roles" + (r.chance(0.8) ? "/\(readable.id("roles", &r))" : "")
            return FuzzRequest(service: .identity, method: r.pick(["PUT", "GET", "HEAD", "DELETE"]), path: path)
        case 12:
            return FuzzRequest(service: .identity, method: "GET", path: r.pick(["/", "/v3", "/v3/auth/catalog", "/v3/auth/projects", "/v3/auth/domains",
                                                                               "/v3/auth/system", "/v3/role_assignments?user.id=\(readable.id("users", &r))",
                                                                               "/v3/role_assignments?scope.project.id=x&include_names", "/v3/users/\(readable.id("users", &r))/projects",
                                                                               "/v3/nowhere", "/v3/auth/tokens"]))
        case 13:
            return FuzzRequest(service: .identity, method: "POST", path: "/v3/users/\(pool.id("users", &r))/password",
                               body: body.bytes(["user": ["original_password": r.chance(0.5) ? "pw" : body.weird(&r), "password": r.chance(0.5) ? "new-pw" : body.weird(&r)]]))
        default:
            return FuzzRequest(service: .identity, method: "POST", path: "/v3/auth/tokens" + (r.chance(0.3) ? "?nocatalog" : ""), body: authBody(pool, &r, &body))
        }
    }

    /// Token requests: by token (cheap), and sometimes by a password (wrong or for a user the fuzzer made).
    static func authBody(_ pool: FuzzPool, _ r: inout FuzzRandom, _ body: inout FuzzBody) -> [UInt8] {
        if r.chance(0.1) { return FuzzBody.junk(&r) }
        let token: JSON = .string(pool.all("tokens").isEmpty ? "nope" : r.pick(pool.all("tokens")))
        var identity: JSONObject = ["methods": ["token"], "token": ["id": r.chance(0.8) ? token : body.weird(&r)]]
        if r.chance(0.2) {
            identity = ["methods": ["password"], "password": ["user": ["name": r.chance(0.5) ? "nobody" : body.weird(&r),
                                                                      "domain": ["id": "default"], "password": "wrong"]]]
        }
        var auth: JSONObject = ["identity": .object(identity)]
        switch r.int(0...4) {
        case 0: auth["scope"] = ["project": ["id": .string(pool.id("projects", &r))]]
        case 1: auth["scope"] = ["project": ["name": "admin", "domain": ["name": "Default"]]]
        case 2: auth["scope"] = ["system": ["all": true]]
        case 3: auth["scope"] = body.weird(&r)
        default: break
        }
        return body.bytes(["auth": .object(auth)])
    }

    static func valid(_ collection: String, _ pool: FuzzPool, _ r: inout FuzzRandom) -> JSONObject {
        let name: JSON = .string("fz-\(collection)-\(r.int(0...9999))")
        switch collection {
        case "users": return ["name": name, "password": "pw", "enabled": .bool(r.chance(0.9))]
        case "services": return ["type": .string(r.pick(["network", "compute", "fz"])), "name": name]
        case "endpoints":
            return ["service_id": .string(pool.id("services", &r)), "interface": .string(r.pick(["public", "internal", "admin", "sideways"])),
                    "url": .string(r.pick(["http://127.0.0.1:1", "not a url", ""])), "region_id": "RegionOne"]
        case "regions": return ["description": "fuzz"]
        default: return ["name": name]
        }
    }
}
