import OpenStackAPI

/// `{"flavor": {...}}` and `{"service_profile": {...}}` bodies → typed requests.
enum FlavorDecoding {
    static func flavor(_ body: JSONObject, create: Bool) throws(NetworkingError) -> FlavorRequest {
        let rules: [String: Attributes.Rule] = [
            "name": .init(post: true, put: true), "description": .init(post: true, put: true), "service_type": .init(post: true, put: false),
            "enabled": .init(post: true, put: true), "service_profiles": .init(post: true, put: true),
            "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        ]
        let a = try Attributes(body, resource: "flavor", rules: rules, create: create)
        return FlavorRequest(name: try a.string("name"), description: try a.string("description", nullable: true),
                             serviceType: try a.string("service_type"), enabled: try a.bool("enabled"))
    }

    static func serviceProfile(_ body: JSONObject, create: Bool) throws(NetworkingError) -> ServiceProfileRequest {
        let rules: [String: Attributes.Rule] = [
            "description": .init(post: true, put: true), "driver": .init(post: true, put: true), "enabled": .init(post: true, put: true),
            "metainfo": .init(post: true, put: true), "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        ]
        let a = try Attributes(body, resource: "service_profile", rules: rules, create: create)
        return ServiceProfileRequest(description: try a.string("description", nullable: true), driver: try a.string("driver"),
                                     enabled: try a.bool("enabled"), metainfo: try a.string("metainfo", maxLength: 4096))
    }

    /// The body of an association: `{"service_profile": {"id": …}}`.
    static func association(_ body: JSONObject) throws(NetworkingError) -> String {
        guard let id = body["service_profile"]?["id"]?.string else {
            throw .badRequest("Failed to parse request. Required attribute 'id' not specified")
        }
        return id
    }
}
