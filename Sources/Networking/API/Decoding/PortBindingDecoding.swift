import OpenStackAPI

/// `{"binding": {...}}` bodies → typed requests, as neutron-lib's `portbindings_extended` attribute map allows them.
enum PortBindingDecoding {
    static let rules: [String: Attributes.Rule] = [
        "host": .init(post: true, put: true), "vnic_type": .init(post: true, put: true), "profile": .init(post: true, put: true),
        "project_id": .init(post: true, put: false), "tenant_id": .init(post: true, put: false),
    ]

    static func request(_ body: JSONObject, create: Bool) throws(NetworkingError) -> PortBindingRequest {
        let a = try Attributes(body, resource: "binding", rules: rules, create: create)
        var r = PortBindingRequest()
        r.host = try a.string("host")
        r.vnicType = try a.string("vnic_type")
        r.profile = try PortDecoding.profile(a, "profile")
        return r
    }
}
