/// The collection query of an OpenStack list call: filters on any attribute, `fields`, sorting, `limit`/`marker`.
public struct ListQuery: Sendable {
    /// Parameters that are not filters.
    public static let reserved: Set<String> = ["limit", "marker", "page_reverse", "sort_key", "sort_dir", "fields"]

    /// Attribute equality filters (`name=x`), in request order.
    public var filters: [(key: String, value: String)]
    /// Attributes to return; empty means all.
    public var fields: [String]
    /// Sort keys with ascending flags.
    public var sort: [(key: String, ascending: Bool)]
    /// Page size.
    public var limit: Int?
    /// Id of the last item of the previous page.
    public var marker: String?
    /// Page backwards from the marker.
    public var pageReverse: Bool

    /// Parses query items; 400 on a bad `limit` or `sort_dir`. Names in `ignore` are neither filters nor errors.
    public init(_ items: [(String, String)], ignore: Set<String> = []) throws(APIError) {
        filters = []
        fields = []
        sort = []
        pageReverse = false
        var dirs: [String] = []
        for (key, value) in items where !ignore.contains(key) {
            switch key {
            case "limit":
                guard let n = Int(value), n >= 0 else { throw APIError.badRequest("Invalid value for limit: \(value).") }
                limit = n
            case "marker": marker = value
            case "page_reverse": pageReverse = value.lowercased() == "true"
            case "sort_key": sort.append((value, true))
            case "sort_dir":
                guard value == "asc" || value == "desc" else { throw APIError.badRequest("Invalid value for sort_dir: \(value).") }
                dirs.append(value)
            case "fields": fields += value.split(separator: ",").map(String.init)
            default: filters.append((key, value))
            }
        }
        for (n, dir) in dirs.enumerated() where n < sort.count { sort[n].ascending = dir == "asc" }
    }

    /// Whether `object` matches every filter on an attribute it has (filters on unknown attributes are ignored).
    public func matches(_ object: JSONObject) -> Bool {
        filters.allSatisfy { filter in
            guard let value = object[filter.key] else { return true }
            if let b = value.bool { return Self.truth(filter.value) == b }
            return Self.text(value) == filter.value
        }
    }

    /// Filters, sorts, pages and projects `objects`; `next` is the marker of the following page, if any.
    public func apply(to objects: [JSONObject], idKey: String = "id") throws(APIError) -> (items: [JSONObject], next: String?) {
        var items = objects.filter(matches)
        if !sort.isEmpty {
            items.sort { a, b in
                for (key, ascending) in sort {
                    let x = Self.text(a[key] ?? .null), y = Self.text(b[key] ?? .null)
                    if x != y { return ascending ? x < y : x > y }
                }
                return false
            }
        }
        let (page, next) = try self.page(items) { $0[idKey]?.string }
        return (project(page, idKey: idKey), next)
    }

    /// The page of already ordered `items` after the marker, at most `limit` long (backwards with `page_reverse`);
    /// `next` is the id of its last item when more follow. 404 for a marker that is not among them.
    public func page<Item>(_ items: [Item], id: (Item) -> String?) throws(APIError) -> (items: [Item], next: String?) {
        var items = items
        if pageReverse { items.reverse() }
        if let marker {
            guard let i = items.firstIndex(where: { id($0) == marker }) else { throw APIError.notFound("marker", marker) }
            items.removeFirst(i + 1)
        }
        var next: String?
        if let limit, items.count > limit {
            items = Array(items.prefix(limit))
            next = items.last.flatMap(id)
        }
        if pageReverse { items.reverse() }
        return (items, next)
    }

    /// The objects with only the `fields` asked for (and the id); all of them when none were.
    public func project(_ objects: [JSONObject], idKey: String = "id") -> [JSONObject] {
        guard !fields.isEmpty else { return objects }
        return objects.map { obj in JSONObject(obj.members.filter { fields.contains($0.key) || $0.key == idKey }.map { ($0.key, $0.value) }) }
    }

    /// `true`/`True`/`1`/`yes` → true, `false`/`False`/`0`/`no` → false, anything else nil.
    static func truth(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "on": true
        case "false", "0", "no", "off": false
        default: nil
        }
    }

    /// A comparable text form of a value (booleans as `true`/`false`, integers without a fraction).
    static func text(_ value: JSON) -> String {
        switch value {
        case .string(let s): s
        case .null: ""
        default: value.text
        }
    }
}
