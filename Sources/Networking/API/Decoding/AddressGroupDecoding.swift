import OpenStackAPI

/// `{"address_group": {...}}` bodies and the `{"addresses": [...]}` of the two actions → typed requests.
enum AddressGroupDecoding {
    static let rules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "description": .init(post: true, put: true), "addresses": .init(post: true, put: false),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]

    static func create(_ body: JSONObject) throws(NetworkingError) -> AddressGroupCreate {
        let a = try Attributes(body, resource: "address_group", rules: rules, create: true)
        var r = AddressGroupCreate()
        r.owner = try a.owner
        r.name = try a.string("name")
        r.description = try a.string("description")
        // A null list is an empty one (`convert_none_to_empty_list`).
        if a.value("addresses")?.isNull != true { r.addresses = try a.strings("addresses") ?? [] }
        return r
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> AddressGroupUpdate {
        let a = try Attributes(body, resource: "address_group", rules: rules, create: false)
        return AddressGroupUpdate(name: try a.string("name"), description: try a.string("description"))
    }

    /// The body of `add_addresses` / `remove_addresses`: a list of address strings.
    static func addresses(_ body: JSONObject) throws(NetworkingError) -> [String] {
        guard body.keys == ["addresses"], let items = body["addresses"]?.array else {
            throw .badRequest("Invalid input: the body must be {\"addresses\": [...]}")
        }
        var out: [String] = []
        for item in items {
            guard let text = item.string else { throw .badRequest("Invalid input for addresses. Reason: '\(item)' is not a valid IP subnet.") }
            out.append(text)
        }
        return out
    }
}
