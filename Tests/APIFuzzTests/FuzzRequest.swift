import OpenStackAPI

/// One generated request and where it goes.
struct FuzzRequest: CustomStringConvertible {
    enum Service: String { case identity, network, image }
    let service: Service
    let method: String
    let path: String
    var headers: [(String, String)] = []
    var token: String?
    var body: [UInt8]?
    /// The collection whose ids a success adds to (POST) or removes from (DELETE) the pool.
    var collection: String?

    var description: String {
        let text = body.map { String(decoding: $0.prefix(300), as: UTF8.self) } ?? ""
        return "\(service) \(method) \(path) headers=\(headers.map { "\($0.0): \($0.1.prefix(40))" }) body=\(text)"
    }
}

/// The ids the fuzzer created and has not deleted, per collection; later requests reuse them.
struct FuzzPool {
    private var ids: [String: [String]] = [:]

    mutating func add(_ collection: String, _ id: String) { ids[collection, default: []].append(id) }
    mutating func remove(_ collection: String, _ id: String) { ids[collection]?.removeAll { $0 == id } }
    func all(_ collection: String) -> [String] { ids[collection] ?? [] }

    /// Mostly a known id of `collection`, sometimes an unknown or malformed one.
    func id(_ collection: String, _ r: inout FuzzRandom) -> String {
        let known = all(collection)
        if !known.isEmpty, r.chance(0.85) { return r.pick(known) }
        return r.pick(["0b5c7d3e-0000-0000-0000-000000000000", "nope", "%00", "..", "%2F..%2F", String(repeating: "a", count: 300),
                       "%E2%82", "' OR 1=1 --", "%ff%fe"])
    }
}

/// Query strings: filters, fields, paging, sorting and percent-encoding junk.
enum FuzzQuery {
    static func make(_ attributes: [String], _ pool: FuzzPool, _ collection: String, _ r: inout FuzzRandom) -> String {
        var items: [String] = []
        for _ in 0..<r.int(0...4) {
            switch r.int(0...9) {
            case 0: items.append("\(r.pick(attributes))=\(r.pick(["x", "True", "false", "None", "", "1", "%20", "%zz", "%"]))")
            case 1: items.append("fields=\(r.pick(attributes))" + (r.chance(0.5) ? ",\(r.pick(attributes))" : ""))
            case 2: items.append("limit=\(r.pick(["0", "1", "2", "-1", "x", "99999999999999999999", "1.5", ""]))")
            case 3: items.append("marker=\(pool.id(collection, &r))")
            case 4: items.append("sort_key=\(r.pick(attributes + ["nope", ""]))")
            case 5: items.append("sort_dir=\(r.pick(["asc", "desc", "sideways"]))")
            case 6: items.append("page_reverse=\(r.pick(["True", "false", "x"]))")
            case 7: items.append(r.pick(["%", "%%", "=", "&&", "a=%00", "%ff%fe=1", "router%3Aexternal=True", "tags-any=a,b", "not-tags=x",
                                         "fixed_ips=ip_address%3D10.0.0.1", "fixed_ips=junk", "nocatalog", "name=%E2%82", "=x", "q[]=1"]))
            case 8: items.append("\(r.pick(attributes))=\(pool.id(r.pick(["networks", "projects", "ports", "users"]), &r))")
            default: items.append("id=\(pool.id(collection, &r))")
            }
        }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }
}

/// Headers besides the token: content types and microversions, valid and not.
enum FuzzHeaders {
    static func make(_ r: inout FuzzRandom) -> [(String, String)] {
        var out: [(String, String)] = []
        if r.chance(0.2) {
            out.append(("Content-Type", r.pick(["text/plain", "application/json; charset=utf-8", "application/xml", "", "garbage/x;;",
                                                "multipart/form-data; boundary=x"])))
        }
        if r.chance(0.15) {
            out.append((r.pick(["OpenStack-API-Version", "X-OpenStack-Nova-API-Version", "X-OpenStack-Request-ID"]),
                        r.pick(["network 2.1", "compute 2.90", "identity 3.14", "latest", "junk", "compute 99.99", ""])))
        }
        if r.chance(0.1) { out.append(("Accept", r.pick(["application/xml", "*/*", "text/html", ""]))) }
        if r.chance(0.05) { out.append(("X-Subject-Token", r.pick(["", "garbage", String(repeating: "t", count: 4000)]))) }
        return out
    }
}
