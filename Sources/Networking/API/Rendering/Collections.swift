import Foundation
import Hummingbird
import OpenStackAPI

/// Neutron's collection queries: attribute filters (a repeated key matches any of its values),
/// tag filters, `fields`, sorting and `limit`/`marker` with `<collection>_links`.
enum Collections {
    static let tagFilters: Set<String> = ["tags", "tags-any", "not-tags", "not-tags-any"]

    /// The `fields` a show asks for (repeated or comma-separated); empty: all.
    static func fields(_ request: Request) -> [String] {
        request.queryItems.filter { $0.0 == "fields" }.flatMap { $0.1.split(separator: ",").map(String.init) }
    }

    /// One resource as a show answers it: only the members in `fields` when some are asked for.
    static func shown(_ object: JSONObject, fields: [String]) -> JSONObject {
        fields.isEmpty ? object : JSONObject(object.members.filter { fields.contains($0.key) }.map { ($0.key, $0.value) })
    }

    /// `query` replaces the request's query items (when a route has read some of them itself); `idKey` names the member
    /// markers refer to (`network_id` for IP availabilities, `name` for availability zones).
    static func respond(_ key: String, _ objects: [JSONObject], query items: [(String, String)]? = nil, idKey: String = "id",
                        _ request: Request, _ context: APIRequestContext) throws -> Response {
        var query = try ListQuery(items ?? request.queryItems)
        if query.limit == 0 { query.limit = nil }  // Neutron: `limit=0` asks for no pagination
        try FilterValidation.check(key, query.filters)
        let filters = grouped(query.filters)
        query.filters = []
        let selected = objects.filter { object in filters.allSatisfy { key, values in matches(object, key, values) } }
        let page = try query.apply(to: selected, idKey: idKey)
        return answer(key, asked(page.items, query, idKey: idKey), query, request, context,
                      ends: (page.items.first?[idKey]?.string, page.items.last?[idKey]?.string))
    }

    /// Neutron answers only the `fields` asked for: the id that paging reads goes unless it was one of them.
    private static func asked(_ objects: [JSONObject], _ query: ListQuery, idKey: String = "id") -> [JSONObject] {
        guard !query.fields.isEmpty, !query.fields.contains(idKey) else { return objects }
        return objects.map { object in
            var o = object
            o[idKey] = nil
            return o
        }
    }

    /// The same answer for a large collection without rendering every item: when every filter and sort key is a
    /// plain field of the records (`field` answers it), records are filtered, ordered and paged first and only
    /// the page is rendered. Pages are ordered by id unless a sort is asked for, so markers are stable.
    /// With `serialized`, a page without `fields` is answered by concatenating each record's cached bytes.
    static func respond<R>(_ key: String, _ records: [R], fields known: Set<String>, field: (R, String) -> String?,
                           render: (R) -> JSONObject, serialized: ((R) -> [UInt8])? = nil,
                           _ request: Request, _ context: APIRequestContext) throws -> Response {
        var query = try ListQuery(request.queryItems)
        if query.limit == 0 { query.limit = nil }
        try FilterValidation.check(key, query.filters)
        guard query.filters.allSatisfy({ known.contains($0.key) }), query.sort.allSatisfy({ known.contains($0.key) }) else {
            return try respond(key, records.map(render), request, context)
        }
        let filters = grouped(query.filters)
        var items = records.filter { r in
            filters.allSatisfy { key, values in
                guard let value = field(r, key) else { return true }
                return values.contains { $0 == value || ListQueryTruth.parse($0).map { String($0) } == value }
            }
        }
        let sort = query.sort.isEmpty && (query.limit != nil || query.marker != nil) ? [(key: "id", ascending: true)] : query.sort
        if !sort.isEmpty {
            // Each record's sort keys are read once (not twice per comparison), and compared in byte order
            // (what Neutron's database gives for ids and names), which is much cheaper than String's `<`.
            func before(_ x: String, _ y: String, _ ascending: Bool) -> Bool {
                ascending ? x.utf8.lexicographicallyPrecedes(y.utf8) : y.utf8.lexicographicallyPrecedes(x.utf8)
            }
            if sort.count == 1 {
                let (key, ascending) = sort[0]
                items = items.map { (key: field($0, key) ?? "", record: $0) }.sorted { before($0.key, $1.key, ascending) }.map(\.record)
            } else {
                items = sortedByKeys(items, sort, field, before)
            }
        }
        let page = try query.page(items) { field($0, "id") }
        let ends = (page.items.first.flatMap { field($0, "id") }, page.items.last.flatMap { field($0, "id") })
        if let serialized, query.fields.isEmpty {
            return answer(key, page.items.map(serialized), ends: ends, query, request, context)
        }
        return answer(key, asked(query.project(page.items.map(render)), query), query, request, context, ends: ends)
    }

    /// Records ordered by several keys, each record's keys read once.
    private static func sortedByKeys<R>(_ items: [R], _ sort: [(key: String, ascending: Bool)], _ field: (R, String) -> String?,
                                        _ before: (String, String, Bool) -> Bool) -> [R] {
        items.map { r in (keys: sort.map { field(r, $0.key) ?? "" }, record: r) }.sorted { a, b in
            for (i, (_, ascending)) in sort.enumerated() where a.keys[i] != b.keys[i] { return before(a.keys[i], b.keys[i], ascending) }
            return false
        }.map(\.record)
    }

    /// Filters by name, a repeated name keeping all its values.
    private static func grouped(_ filters: [(key: String, value: String)]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (k, v) in filters { out[k, default: []].append(v) }
        return out
    }

    /// `{"<key>": [...]}`, with `<key>_links` (next, previous) when the caller asked for a `limit`; `ends` are the ids
    /// of the page's first and last items (read from the objects when not given).
    private static func answer(_ key: String, _ objects: [JSONObject], _ query: ListQuery, _ request: Request,
                               _ context: APIRequestContext, ends: (String?, String?)? = nil) -> Response {
        var body: JSONObject = [key: .array(objects.map(JSON.object))]
        let ends = ends ?? (objects.first?["id"]?.string, objects.last?["id"]?.string)
        if let links = links(ends: ends, count: objects.count, query, request, context) { body[key + "_links"] = links }
        return JSONResponse.make(status: 200, body: .object(body))
    }

    /// The same body from items already serialised: `{"<key>": [` the items joined `], "<key>_links": …}`.
    private static func answer(_ key: String, _ items: [[UInt8]], ends: (String?, String?), _ query: ListQuery, _ request: Request,
                               _ context: APIRequestContext) -> Response {
        var out: [UInt8] = []
        out.reserveCapacity(items.reduce(64) { $0 + $1.count + 1 })
        out += JSON.string(key).bytes
        out.insert(UInt8(ascii: "{"), at: 0)
        out += Array(":[".utf8)
        for (n, item) in items.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out += item
        }
        out.append(UInt8(ascii: "]"))
        if let links = links(ends: ends, count: items.count, query, request, context) {
            out += Array(",".utf8) + JSON.string(key + "_links").bytes + Array(":".utf8) + links.bytes
        }
        out.append(UInt8(ascii: "}"))
        return JSONResponse.make(status: 200, serialized: out)
    }

    /// `next` and `previous` links, when the caller asked for a `limit`, as Neutron gives them: `next` unless a forward
    /// page came out short, `previous` unless a backward one did; each keeps the request's other parameters.
    private static func links(ends: (first: String?, last: String?), count: Int, _ query: ListQuery, _ request: Request,
                              _ context: APIRequestContext) -> JSON? {
        guard let limit = query.limit else { return nil }
        let short = count < limit
        let kept = request.queryItems.filter { $0.0 != "marker" && $0.0 != "page_reverse" }
        func href(_ marker: String?, reverse: Bool) -> JSON {
            var items = kept
            if let marker { items.append(("marker", marker)) }
            if reverse { items.append(("page_reverse", "True")) }
            let query = items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
            return .string(context.baseURL + request.uri.path + (query.isEmpty ? "" : "?" + query))
        }
        var links: [JSON] = []
        if !(short && !query.pageReverse) { links.append(["rel": "next", "href": href(ends.last, reverse: false)]) }
        if !(short && query.pageReverse) { links.append(["rel": "previous", "href": href(ends.first, reverse: true)]) }
        return .array(links)
    }

    /// A query component, percent-encoded.
    private static func escape(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func matches(_ object: JSONObject, _ key: String, _ values: [String]) -> Bool {
        if key == "changed_since" {
            // `standard-attr-timestamp`: resources updated at or after the time (ISO 8601 texts compare in time order).
            guard let updated = object["updated_at"]?.string else { return false }
            return values.allSatisfy { updated >= $0.replacingOccurrences(of: " ", with: "T") }
        }
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
            case .int(let n): Int(wanted) == n
            case .bigInteger(let digits): wanted == digits
            case .double(let n): Double(wanted) == n
            case .null: wanted.isEmpty || wanted == "None"
            case .array(let items): items.contains { $0.string == wanted }
            case .object: false
            }
        }
    }
}
