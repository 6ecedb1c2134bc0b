public import Hummingbird
public import OpenStackAPI

/// Neutron's collection queries: attribute filters (a repeated key matches any of its values),
/// tag filters, `fields`, sorting and `limit`/`marker` with `<collection>_links`.
enum Collections {
    static let tagFilters: Set<String> = ["tags", "tags-any", "not-tags", "not-tags-any"]

    static func respond(_ key: String, _ objects: [JSONObject], _ request: Request, _ context: APIRequestContext) throws -> Response {
        var query = try ListQuery(request.queryItems)
        var filters: [String: [String]] = [:]
        for (k, v) in query.filters { filters[k, default: []].append(v) }
        query.filters = []
        let selected = objects.filter { object in filters.allSatisfy { key, values in matches(object, key, values) } }
        let page = try query.apply(to: selected)
        var body: JSONObject = [key: .array(page.items.map(JSON.object))]
        if query.limit != nil {
            var links: [JSON] = []
            let base = context.baseURL + request.uri.path
            if let next = page.next { links.append(["rel": "next", "href": .string("\(base)?limit=\(query.limit!)&marker=\(next)")]) }
            if let first = page.items.first?["id"]?.string, query.marker != nil {
                links.append(["rel": "previous", "href": .string("\(base)?limit=\(query.limit!)&marker=\(first)&page_reverse=True")])
            }
            body[key + "_links"] = .array(links)
        }
        return JSONResponse.make(status: 200, body: .object(body))
    }

    static func matches(_ object: JSONObject, _ key: String, _ values: [String]) -> Bool {
        if tagFilters.contains(key) {
            let tags = Set(object["tags"]?.array?.compactMap(\.string) ?? [])
            return values.allSatisfy { value in
                let wanted = Set(value.split(separator: ",").map(String.init))
                switch key {
                case "tags": return wanted.isSubset(of: tags)
                case "tags-any": return !wanted.isDisjoint(with: tags)
                case "not-tags": return !wanted.isSubset(of: tags)
                default: return wanted.isDisjoint(with: tags)
                }
            }
        }
        if key == "fixed_ips" {
            let ips = object["fixed_ips"]?.array ?? []
            return values.contains { value in
                let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { return false }
                if parts[0] == "ip_address_substr" { return ips.contains { $0["ip_address"]?.string?.contains(parts[1]) == true } }
                return ips.contains { $0[parts[0]]?.string == parts[1] }
            }
        }
        guard let value = object[key] else { return true }
        return values.contains { wanted in
            switch value {
            case .bool(let b): ListQueryTruth.parse(wanted) == b
            case .string(let s): s == wanted
            case .number(let n): Double(wanted) == n
            case .null: wanted.isEmpty || wanted == "None"
            case .array(let items): items.contains { $0.string == wanted }
            case .object: false
            }
        }
    }
}
