import Addressing
import OpenStackAPI

/// `{"router": {...}}` and interface bodies → typed requests.
enum RouterDecoding {
    static let rules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "admin_state_up": .init(post: true, put: true), "description": .init(post: true, put: true),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        "external_gateway_info": .init(post: true, put: true), "routes": .init(post: false, put: true),
        "availability_zone_hints": .init(post: true, put: false),
    ]

    static func create(_ body: JSONObject) throws(NetworkingError) -> RouterCreate {
        let a = try Attributes(body, resource: "router", rules: rules, create: true)
        var r = RouterCreate()
        r.owner = try a.owner
        r.name = try a.string("name")
        r.description = try a.string("description")
        r.adminStateUp = try a.bool("admin_state_up")
        r.availabilityZoneHints = try a.strings("availability_zone_hints")
        r.externalGateway = try gateway(a).value
        return r
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> RouterUpdate {
        let a = try Attributes(body, resource: "router", rules: rules, create: false)
        var r = RouterUpdate()
        r.name = try a.string("name")
        r.description = try a.string("description")
        r.adminStateUp = try a.bool("admin_state_up")
        r.externalGateway = try gateway(a)
        if let items = try a.array("routes") {
            var routes: [RouteRequest] = []
            for item in items {
                guard let d = item["destination"]?.string, let destination = IPNetwork(d, strict: false),
                      let h = item["nexthop"]?.string, let nexthop = IPAddress(h) else {
                    throw .invalidInput("Invalid input for routes. Reason: '\(item.text)' is not a valid route")
                }
                routes.append(RouteRequest(destination: destination, nexthop: nexthop))
            }
            r.routes = routes
        }
        return r
    }

    /// `external_gateway_info`: null and `{}` both mean "no gateway".
    private static func gateway(_ a: Attributes) throws(NetworkingError) -> Sent<GatewayRequest> {
        guard let info = a.value("external_gateway_info") else { return .absent }
        if info.isNull || info.object?.members.isEmpty == true { return .null }
        guard let object = info.object, let networkID = object["network_id"]?.string else {
            throw .badRequest("Invalid input for external_gateway_info. Reason: network_id is required.")
        }
        var request = GatewayRequest(networkID: networkID)
        if let snat = object["enable_snat"] {
            guard let b = snat.bool else { throw .invalidInput("'\(snat.text)' is not a valid boolean value") }
            request.enableSNAT = b
        }
        if let fixed = object["external_fixed_ips"] {
            var entries: [ExternalFixedIPRequest] = []
            for item in fixed.array ?? [] {
                let subnetID = item["subnet_id"]?.string
                var ip: IPAddress?
                if let text = item["ip_address"]?.string {
                    guard let parsed = IPAddress(text) else {
                        throw .invalidInput("Invalid input for external_gateway_info. Reason: '\(text)' is not a valid IP address")
                    }
                    ip = parsed
                }
                entries.append(ExternalFixedIPRequest(subnetID: subnetID, ipAddress: ip))
            }
            request.externalFixedIPs = entries
        }
        return .value(request)
    }

    /// The body of `add_router_interface` / `remove_router_interface`.
    static func interface(_ body: JSONObject) throws(NetworkingError) -> InterfaceRequest {
        for key in ["subnet_id", "port_id"] {
            if let v = body[key], v.string == nil, !v.isNull {
                throw .invalidInput("Invalid input for \(key). Reason: '\(v.text)' is not a valid string")
            }
        }
        return InterfaceRequest(subnetID: body["subnet_id"]?.string, portID: body["port_id"]?.string)
    }
}
