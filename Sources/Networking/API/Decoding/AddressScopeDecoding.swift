import OpenStackAPI

/// `{"address_scope": {...}}` bodies → typed requests.
enum AddressScopeDecoding {
    static let rules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "ip_version": .init(post: true, put: false), "shared": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]

    static func create(_ body: JSONObject) throws(NetworkingError) -> AddressScopeCreate {
        let a = try Attributes(body, resource: "address_scope", rules: rules, create: true)
        guard a.has("ip_version") else { throw .badRequest("Failed to parse request. Required attribute 'ip_version' not specified") }
        guard let version = try a.int("ip_version", nullable: false) ?? nil else {
            throw .invalidInput("Invalid input for ip_version. Reason: 'None' is not in [4, 6]")
        }
        return AddressScopeCreate(owner: try a.owner, name: try a.string("name"), ipVersion: version, shared: try a.bool("shared"))
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> AddressScopeUpdate {
        let a = try Attributes(body, resource: "address_scope", rules: rules, create: false)
        return AddressScopeUpdate(name: try a.string("name"), shared: try a.bool("shared"))
    }
}
