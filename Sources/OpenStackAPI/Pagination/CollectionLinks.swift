/// The `links` of a collection answer in each service's style.
public enum CollectionLinks {
    /// Keystone: `{"next": url|null, "self": url, "previous": null}`.
    public static func keystone(selfURL: String, next: String? = nil) -> JSON {
        ["next": .optional(next), "self": .string(selfURL), "previous": .null]
    }

    /// Neutron: `[{"rel": "next", "href": …}]` when another page follows, else empty.
    public static func neutron(collectionURL: String, limit: Int?, nextMarker: String?) -> JSON {
        guard let limit, let nextMarker else { return [] }
        return [["rel": "next", "href": .string("\(collectionURL)?limit=\(limit)&marker=\(nextMarker)")]]
    }
}
