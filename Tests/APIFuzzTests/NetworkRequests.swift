import OpenStackAPI
import OpenStackAPITesting

/// Requests for every resource and verb of the Networking API, bodies built from each resource's attributes.
enum NetworkRequests {
    static let collections = ["networks", "subnets", "ports", "security-groups", "security-group-rules", "routers", "floatingips", "address-groups",
                              "rbac-policies"]

    static let attributes: [String: [String]] = [
        "networks": ["name", "admin_state_up", "shared", "router:external", "provider:network_type", "provider:physical_network",
                     "provider:segmentation_id", "mtu", "description", "port_security_enabled", "project_id", "tags"],
        "subnets": ["network_id", "ip_version", "cidr", "gateway_ip", "allocation_pools", "enable_dhcp", "dns_nameservers",
                    "host_routes", "name", "ipv6_address_mode", "subnetpool_id", "description"],
        "ports": ["network_id", "name", "fixed_ips", "mac_address", "security_groups", "port_security_enabled", "allowed_address_pairs",
                  "extra_dhcp_opts", "device_owner", "device_id", "binding:host_id", "admin_state_up", "description"],
        "security-groups": ["name", "description", "stateful", "project_id"],
        "security-group-rules": ["security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max",
                                 "remote_ip_prefix", "remote_group_id", "remote_address_group_id", "description"],
        "address-groups": ["name", "description", "addresses", "project_id"],
        "rbac-policies": ["object_type", "object_id", "action", "target_tenant", "project_id"],
        "routers": ["name", "admin_state_up", "external_gateway_info", "description", "routes"],
        "floatingips": ["floating_network_id", "port_id", "fixed_ip_address", "floating_ip_address", "description"],
    ]

    /// A collection's member name: `security-groups` → `security_group`, `rbac-policies` → `rbac_policy`.
    static func member(of collection: String) -> String {
        let plural = collection.replacingOccurrences(of: "-", with: "_")
        return plural.hasSuffix("ies") ? String(plural.dropLast(3)) + "y" : String(plural.dropLast())
    }

    static func make(_ pool: FuzzPool, _ r: inout FuzzRandom) -> FuzzRequest {
        let collection = r.pick(collections)
        let base = "/v2.0/\(collection)"
        var body = FuzzBody()
        func payload(update: Bool) -> [UInt8] {
            if r.chance(0.1) { return FuzzBody.junk(&r) }
            let member = member(of: collection)
            var attributes = valid(collection, pool, &r, &body)
            if update { attributes["network_id"] = nil; attributes["security_group_id"] = nil }
            for _ in 0..<(r.chance(0.5) ? 0 : r.int(1...3)) {
                attributes[r.chance(0.15) ? "unknown_\(r.int(0...9))" : r.pick(Self.attributes[collection]!)] = body.weird(&r)
            }
            if r.chance(0.05) {
                // Bulk create.
                return body.bytes([collection.replacingOccurrences(of: "-", with: "_"): [.object(attributes), .object(attributes)]])
            }
            return body.bytes(r.chance(0.05) ? .object(attributes) : [member: .object(attributes)])
        }
        switch r.int(0...19) {
        case 0...3:
            return FuzzRequest(service: .network, method: "GET", path: base + FuzzQuery.make(attributes[collection]! + ["id", "tenant_id"], pool, collection, &r))
        case 4...5:
            return FuzzRequest(service: .network, method: "GET", path: "\(base)/\(pool.id(collection, &r))" + (r.chance(0.3) ? "?fields=\(r.pick(attributes[collection]!))" : ""))
        case 6...11:
            return FuzzRequest(service: .network, method: "POST", path: base, body: payload(update: false), collection: collection)
        case 12...13:
            return FuzzRequest(service: .network, method: "PUT", path: "\(base)/\(pool.id(collection, &r))", body: payload(update: true))
        case 14:
            return FuzzRequest(service: .network, method: "DELETE", path: "\(base)/\(pool.id(collection, &r))", collection: collection)
        case 15 where r.chance(0.3):
            let action = r.pick(["add_addresses", "remove_addresses"])
            let addresses: JSON = r.chance(0.3) ? body.weird(&r) : [.string(r.pick(["10.0.0.1", "10.0.0.0/8", "2001:db8::/64", "nope", "10.0.0.1/33"]))]
            return FuzzRequest(service: .network, method: "PUT", path: "/v2.0/address-groups/\(pool.id("address-groups", &r))/\(action)",
                               body: r.chance(0.2) ? FuzzBody.junk(&r) : body.bytes(["addresses": addresses]))
        case 15:
            let action = r.pick(["add_router_interface", "remove_router_interface"])
            let target: JSON = r.chance(0.5) ? ["subnet_id": .string(pool.id("subnets", &r))] : ["port_id": .string(pool.id("ports", &r))]
            let bytes = r.chance(0.2) ? FuzzBody.junk(&r) : body.bytes(r.chance(0.2) ? ["subnet_id": body.weird(&r)] : target)
            return FuzzRequest(service: .network, method: "PUT", path: "/v2.0/routers/\(pool.id("routers", &r))/\(action)", body: bytes)
        case 16:
            let taggable = r.pick(["networks", "subnets", "ports", "routers", "security-groups", "floatingips", "nope"])
            let path = "/v2.0/\(taggable)/\(pool.id(taggable, &r))/tags"
            switch r.int(0...4) {
            case 0: return FuzzRequest(service: .network, method: "GET", path: path)
            case 1: return FuzzRequest(service: .network, method: "PUT", path: path + "/" + r.pick(["red", "a%2Fb", "%", String(repeating: "t", count: 300)]))
            case 2: return FuzzRequest(service: .network, method: "PUT", path: path,
                                       body: body.bytes(["tags": r.chance(0.5) ? ["a", "b"] : [body.weird(&r)]]))
            case 3: return FuzzRequest(service: .network, method: "DELETE", path: path + "/red")
            default: return FuzzRequest(service: .network, method: "DELETE", path: path)
            }
        case 17:
            return FuzzRequest(service: .network, method: "GET", path: r.pick(["/", "/v2.0", "/v2.0/", "/v2.0/extensions", "/v2.0/extensions/router",
                                                                              "/v2.0/extensions/nope", "/v2.0/nowhere", "/v2.0/networks.json"]))
        case 18:
            return FuzzRequest(service: .network, method: r.pick(["PATCH", "HEAD", "OPTIONS", "PROPFIND", "DELETE"]), path: r.chance(0.5) ? base : "\(base)/\(pool.id(collection, &r))",
                               body: r.chance(0.5) ? FuzzBody.junk(&r) : nil)
        case 19 where r.chance(0.5):
            // binding-extended: a port's bindings by host, Nova's live-migration calls.
            let path = "/v2.0/ports/\(pool.id("ports", &r))/bindings"
            let host = r.pick(["h1", "h2", "h3", "", "%2F", String(repeating: "h", count: 300)])
            let binding: JSON = r.chance(0.2) ? body.weird(&r)
                : ["host": r.chance(0.2) ? body.weird(&r) : .string(host), "profile": r.chance(0.3) ? body.weird(&r) : ["migrating_to": "h2"]]
            switch r.int(0...4) {
            case 0: return FuzzRequest(service: .network, method: "GET", path: path + r.pick(["", "?host=h1", "?status=INACTIVE", "?bogus=1", "/" + host]))
            case 1: return FuzzRequest(service: .network, method: "POST", path: path, body: r.chance(0.1) ? FuzzBody.junk(&r) : body.bytes(["binding": binding]))
            case 2: return FuzzRequest(service: .network, method: "PUT", path: path + "/" + host, body: body.bytes(["binding": binding]))
            case 3: return FuzzRequest(service: .network, method: "PUT", path: path + "/" + host + "/activate")
            default: return FuzzRequest(service: .network, method: "DELETE", path: path + "/" + host)
            }
        default:
            return FuzzRequest(service: .network, method: "POST", path: "\(base)/\(pool.id(collection, &r))", body: payload(update: false))
        }
    }

    /// A mostly valid body for a new resource of `collection`, referring to resources the pool knows.
    static func valid(_ collection: String, _ pool: FuzzPool, _ r: inout FuzzRandom, _ body: inout FuzzBody) -> JSONObject {
        let name: JSON = .string("fz-\(r.int(0...999))")
        switch collection {
        case "networks":
            var o: JSONObject = ["name": name]
            if r.chance(0.3) { o["router:external"] = true; o["provider:network_type"] = "flat"; o["provider:physical_network"] = "physnet1" }
            if r.chance(0.2) { o["shared"] = .bool(r.chance(0.5)) }
            if r.chance(0.2) { o["provider:network_type"] = r.pick(["geneve", "vlan", "flat", "vxlan", "local"]); o["provider:segmentation_id"] = r.chance(0.25) ? body.edgeNumber(&r) : .integer(r.int(0...5000)) }
            if r.chance(0.1) { o["mtu"] = r.chance(0.5) ? body.edgeNumber(&r) : .integer(r.int(0...9000)) }
            return o
        case "subnets":
            let third = r.int(0...255)
            var o: JSONObject = ["network_id": .string(pool.id("networks", &r)), "ip_version": r.chance(0.1) ? body.edgeNumber(&r) : r.chance(0.9) ? 4 : 6,
                                 "cidr": .string(r.chance(0.9) ? "10.\(r.int(0...255)).\(third).0/\(r.pick([24, 28, 30, 31, 32, 8]))" : "2001:db8:\(third)::/64")]
            if r.chance(0.3) { o["gateway_ip"] = r.chance(0.5) ? .null : .string("10.0.\(third).1") }
            if r.chance(0.2) { o["allocation_pools"] = [["start": .string("10.0.\(third).10"), "end": .string("10.0.\(third).20")]] }
            if r.chance(0.2) { o["enable_dhcp"] = .bool(r.chance(0.5)) }
            if r.chance(0.2) { o["dns_nameservers"] = ["1.1.1.1"] ; o["host_routes"] = [["destination": "0.0.0.0/0", "nexthop": "10.0.0.1"]] }
            return o
        case "ports":
            var o: JSONObject = ["network_id": .string(pool.id("networks", &r)), "name": name]
            if r.chance(0.2) { o["fixed_ips"] = [["subnet_id": .string(pool.id("subnets", &r))]] }
            if r.chance(0.1) { o["fixed_ips"] = [["ip_address": .string("10.0.0.\(r.int(0...300))")]] }
            if r.chance(0.2) { o["security_groups"] = [.string(pool.id("security-groups", &r))] }
            if r.chance(0.1) { o["port_security_enabled"] = false }
            if r.chance(0.1) { o["mac_address"] = .string(r.pick(["fa:16:3e:00:00:01", "01:00:00:00:00:00", "zz"])) }
            if r.chance(0.1) { o["allowed_address_pairs"] = [["ip_address": "10.0.0.99"]] }
            if r.chance(0.1) { o["extra_dhcp_opts"] = [["opt_name": "mtu", "opt_value": "1400", "ip_version": r.chance(0.5) ? .integer(4) : body.edgeNumber(&r)]] }
            if r.chance(0.3) { o["device_owner"] = "compute:nova"; o["binding:host_id"] = .string(r.pick(["h1", "h2", ""])) }
            if r.chance(0.1) { o["device_owner"] = .string(r.pick(["compute:nova", "network:router_interface", "network:dhcp"])); o["device_id"] = "vm-1" }
            return o
        case "security-groups":
            return ["name": name, "description": "fuzz"]
        case "address-groups":
            return ["name": name, "addresses": .array(r.chance(0.5) ? [] : [.string(r.pick(["10.1.0.0/16", "192.0.2.1/32", "2001:db8::/48", "10.0.0.1"]))])]
        case "rbac-policies":
            let onNetwork = r.chance(0.7)
            return ["object_type": .string(r.chance(0.1) ? r.pick(["router", " Network ", ""]) : onNetwork ? "network" : "security_group"),
                    "object_id": .string(pool.id(onNetwork ? "networks" : "security-groups", &r)),
                    "action": .string(r.pick(["access_as_shared", "access_as_shared", "access_as_external", "access_as_nobody"])),
                    "target_tenant": .string(r.pick(["*", "*", "some-project", ""]))]
        case "security-group-rules":
            var o: JSONObject = ["security_group_id": .string(pool.id("security-groups", &r)), "direction": .string(r.pick(["ingress", "egress", "ingress", "egress", "sideways"])),
                                 "ethertype": .string(r.pick(["IPv4", "IPv6", "IPv4", "ipv4"]))]
            if r.chance(0.7) {
                let protocols: [JSON] = ["tcp", "udp", "icmp", "ipv6-icmp", "6", "17", .integer(6), .integer(132), .integer(-1), .integer(256), "junk"]
                o["protocol"] = r.chance(0.4) ? body.edgeNumber(&r) : r.chance(0.1) ? body.weird(&r) : r.pick(protocols)
            }
            if r.chance(0.5) {
                o["port_range_min"] = r.chance(0.2) ? body.edgeNumber(&r) : .integer(r.int(-1...70000))
                o["port_range_max"] = r.chance(0.2) ? body.edgeNumber(&r) : .integer(r.int(-1...70000))
            }
            if r.chance(0.2) { o["remote_ip_prefix"] = .string(r.pick(["0.0.0.0/0", "10.0.0.0/8", "::/0", "10.0.0.1/33", "x"])) }
            if r.chance(0.1) { o["remote_group_id"] = .string(pool.id("security-groups", &r)) }
            if r.chance(0.1) { o["remote_address_group_id"] = .string(pool.id("address-groups", &r)) }
            return o
        case "routers":
            var o: JSONObject = ["name": name]
            if r.chance(0.5) { o["external_gateway_info"] = ["network_id": .string(pool.id("networks", &r))] }
            if r.chance(0.1) { o["routes"] = [["destination": "192.168.0.0/24", "nexthop": "10.0.0.5"]] }
            return o
        default:
            var o: JSONObject = ["floating_network_id": .string(pool.id("networks", &r))]
            if r.chance(0.5) { o["port_id"] = .string(pool.id("ports", &r)) }
            if r.chance(0.1) { o["floating_ip_address"] = "203.0.113.77" }
            return o
        }
    }
}
