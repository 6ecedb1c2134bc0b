import OpenStackAPI

/// `{"floatingip": {...}}` bodies → typed requests.
enum FloatingIPDecoding {
    static let rules: [String: Attributes.Rule] = [
        "floating_network_id": .init(post: true, put: false), "floating_ip_address": .init(post: true, put: false),
        "subnet_id": .init(post: true, put: false), "port_id": .init(post: true, put: true),
        "fixed_ip_address": .init(post: true, put: true), "description": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]

    static func create(_ body: JSONObject) throws(NetworkingError) -> FloatingIPCreate {
        let a = try Attributes(body, resource: "floatingip", rules: rules, create: true)
        var r = FloatingIPCreate()
        r.owner = try a.owner
        r.floatingNetworkID = try a.string("floating_network_id")
        r.floatingIPAddress = try a.string("floating_ip_address")
        r.subnetID = try a.string("subnet_id")
        r.portID = try a.string("port_id", nullable: true)
        r.fixedIPAddress = try a.string("fixed_ip_address", nullable: true)
        r.description = try a.string("description")
        return r
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> FloatingIPUpdate {
        let a = try Attributes(body, resource: "floatingip", rules: rules, create: false)
        var r = FloatingIPUpdate()
        r.description = try a.string("description")
        // An empty update clears the association, as it did before floating IPs had other attributes.
        r.portID = a.object.isEmpty ? .null : try a.sent("port_id")
        r.fixedIPAddress = try a.string("fixed_ip_address", nullable: true)
        return r
    }
}
