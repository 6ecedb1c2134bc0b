import Addressing
import Foundation
import OpenStackAPI

/// `{"port_forwarding": {...}}` bodies → typed requests, checked as neutron-lib's attribute map does.
enum PortForwardingDecoding {
    static let rules: [String: Attributes.Rule] = [
        "protocol": .init(post: true, put: true), "internal_ip_address": .init(post: true, put: true),
        "internal_port": .init(post: true, put: true), "internal_port_id": .init(post: true, put: true),
        "external_port": .init(post: true, put: true), "description": .init(post: true, put: true),
        "project_id": .init(post: true, put: false), "tenant_id": .init(post: true, put: false),
    ]

    static func request(_ body: JSONObject, create: Bool) throws(NetworkingError) -> PortForwardingRequest {
        let a = try Attributes(body, resource: "port_forwarding", rules: rules, create: create)
        var r = PortForwardingRequest()
        if let p = try a.string("protocol") {
            // Neutron's convert_to_protocol: a name in any case, or its IANA number; OVN balances TCP and UDP.
            let name = ["6": "tcp", "17": "udp"][p] ?? p.lowercased()
            guard name == "tcp" || name == "udp" else { throw .invalidInput("Invalid input for protocol. Reason: '\(p)' is not in ['tcp', 'udp']") }
            r.protocol = name
        }
        for (key, path) in [("internal_port", \PortForwardingRequest.internalPort), ("external_port", \.externalPort)] {
            guard let value = try a.int(key, nullable: false) ?? nil else { continue }
            guard (1...65535).contains(value) else {
                throw .invalidInput("Invalid input for \(key). Reason: '\(value)' is not in range 1 through 65535")
            }
            r[keyPath: path] = value
        }
        if let ip = try a.string("internal_ip_address") {
            guard let address = IPAddress(ip) else { throw .invalidInput("Invalid input for internal_ip_address. Reason: '\(ip)' is not a valid IP address") }
            r.internalIPAddress = address.description
        }
        if let port = try a.string("internal_port_id") {
            guard UUID(uuidString: port) != nil else { throw .invalidInput("Invalid input for internal_port_id. Reason: '\(port)' is not a valid UUID") }
            r.internalPortID = port
        }
        r.description = try a.string("description")
        return r
    }
}
