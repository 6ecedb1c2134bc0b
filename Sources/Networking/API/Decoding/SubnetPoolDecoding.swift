import Foundation
import OpenStackAPI

/// `{"subnetpool": {...}}` bodies → typed requests.
enum SubnetPoolDecoding {
    static let rules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "description": .init(post: true, put: true), "prefixes": .init(post: true, put: true),
        "default_prefixlen": .init(post: true, put: true), "min_prefixlen": .init(post: true, put: true),
        "max_prefixlen": .init(post: true, put: true), "default_quota": .init(post: true, put: true),
        "is_default": .init(post: true, put: true), "shared": .init(post: true, put: false),
        "address_scope_id": .init(post: true, put: true), "tenant_id": .init(post: true, put: false),
        "project_id": .init(post: true, put: false),
    ]

    static func create(_ body: JSONObject) throws(NetworkingError) -> SubnetPoolCreate {
        let a = try Attributes(body, resource: "subnetpool", rules: rules, create: true)
        var r = SubnetPoolCreate()
        r.owner = try a.owner
        r.shared = try a.bool("shared")
        r.attributes = try attributes(a)
        return r
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> SubnetPoolUpdate {
        try attributes(try Attributes(body, resource: "subnetpool", rules: rules, create: false))
    }

    private static func attributes(_ a: Attributes) throws(NetworkingError) -> SubnetPoolUpdate {
        var r = SubnetPoolUpdate()
        r.name = try a.string("name")
        r.description = try a.string("description")
        r.prefixes = try a.strings("prefixes")
        for (key, path) in [("default_prefixlen", \SubnetPoolUpdate.defaultPrefixLength), ("min_prefixlen", \.minPrefixLength),
                            ("max_prefixlen", \.maxPrefixLength)] {
            if let v = try a.int(key, nullable: false) { r[keyPath: path] = v }
        }
        if let q = try a.int("default_quota") { r.defaultQuota = q.map(Sent.value) ?? .null }
        r.isDefault = try a.bool("is_default")
        r.addressScopeID = try a.sent("address_scope_id")
        if let scope = r.addressScopeID.value, UUID(uuidString: scope) == nil {
            throw .invalidInput("Invalid input for address_scope_id. Reason: '\(scope)' is not a valid UUID")
        }
        return r
    }
}
