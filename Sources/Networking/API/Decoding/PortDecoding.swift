import Addressing
import OpenStackAPI

/// `{"port": {...}}` bodies → typed requests: the shapes of `fixed_ips`, `allowed_address_pairs`,
/// `extra_dhcp_opts` and `binding:profile` are checked here.
enum PortDecoding {
    static let rules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "network_id": .init(post: true, put: false), "admin_state_up": .init(post: true, put: true),
        "mac_address": .init(post: true, put: true), "fixed_ips": .init(post: true, put: true), "device_id": .init(post: true, put: true),
        "device_owner": .init(post: true, put: true), "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        "security_groups": .init(post: true, put: true), "port_security_enabled": .init(post: true, put: true),
        "allowed_address_pairs": .init(post: true, put: true), "extra_dhcp_opts": .init(post: true, put: true),
        "binding:host_id": .init(post: true, put: true), "binding:vnic_type": .init(post: true, put: true),
        "binding:profile": .init(post: true, put: true), "description": .init(post: true, put: true),
        "numa_affinity_policy": .init(post: true, put: true), "device_profile": .init(post: true, put: false),
        "dns_name": .init(post: true, put: true), "dns_domain": .init(post: true, put: true), "qos_policy_id": .init(post: true, put: true),
    ]

    /// `port-numa-affinity-policy`'s values.
    static let numaPolicies = ["none", "required", "preferred", "legacy"]

    static func create(_ body: JSONObject) throws(NetworkingError) -> PortCreate {
        let a = try Attributes(body, resource: "port", rules: rules, create: true)
        var r = PortCreate()
        r.owner = try a.owner
        r.networkID = try a.string("network_id")
        r.attributes = try attributes(a, create: true)
        return r
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> PortUpdate {
        try attributes(try Attributes(body, resource: "port", rules: rules, create: false), create: false)
    }

    /// What a create and an update both send (the attribute map says which of them each may name).
    /// An update may send `mac_address: null`: a new MAC (`port-mac-address-regenerate`).
    private static func attributes(_ a: Attributes, create: Bool) throws(NetworkingError) -> PortUpdate {
        var r = PortUpdate()
        r.name = try a.string("name")
        r.description = try a.string("description")
        r.adminStateUp = try a.bool("admin_state_up")
        r.macAddress = try a.string("mac_address", nullable: !create)
        r.regenerateMAC = !create && a.object["mac_address"]?.isNull == true
        r.fixedIPs = try fixedIPs(a)
        r.deviceID = try a.string("device_id")
        r.deviceOwner = try a.string("device_owner")
        r.securityGroups = try a.strings("security_groups")
        if let groups = r.securityGroups {
            let duplicates = groups.enumerated().filter { i, g in groups[..<i].contains(g) }.map(\.element)
            if !duplicates.isEmpty {
                throw .invalidInput("Invalid input for security_groups. Reason: Duplicate items in the list: '\(duplicates.joined(separator: ", "))'")
            }
        }
        r.portSecurityEnabled = try a.bool("port_security_enabled")
        r.allowedAddressPairs = try addressPairs(a)
        r.extraDHCPOpts = try dhcpOptions(a)
        r.hostID = try a.string("binding:host_id")
        r.vnicType = try a.string("binding:vnic_type")
        r.profile = try profile(a, "binding:profile")
        r.deviceProfile = try a.string("device_profile", nullable: true)
        // Neutron keeps DNS names in lowercase (`convert_string_to_case_insensitive`); null is no name.
        if a.has("dns_name") { r.dnsName = (try a.string("dns_name", nullable: true) ?? "").lowercased() }
        if a.has("dns_domain") { r.dnsDomain = (try a.string("dns_domain", nullable: true) ?? "").lowercased() }
        r.qosPolicyID = try a.sent("qos_policy_id")
        if a.has("numa_affinity_policy") {
            let policy = try a.string("numa_affinity_policy", nullable: true)
            if let policy, !numaPolicies.contains(policy) {
                throw .invalidInput("Invalid input for numa_affinity_policy. Reason: '\(policy)' is not in \(numaPolicies)")
            }
            r.numaAffinityPolicy = policy.map(Sent.value) ?? .null
        }
        return r
    }

    private static func fixedIPs(_ a: Attributes) throws(NetworkingError) -> [FixedIPRequest]? {
        guard let items = try a.array("fixed_ips") else { return nil }
        var out: [FixedIPRequest] = []
        for item in items {
            guard let entry = item.object else { throw .invalidInput("Invalid input for fixed_ips. Reason: '\(item.text)' is not a dictionary") }
            let unknown = entry.keys.filter { $0 != "subnet_id" && $0 != "ip_address" }
            if !unknown.isEmpty { throw .invalidInput("Invalid input for fixed_ips. Reason: Unrecognized attribute(s) '\(unknown.joined(separator: ", "))'") }
            for key in ["subnet_id", "ip_address"] {
                if let v = entry[key], v.string == nil {
                    throw .invalidInput("Invalid input for fixed_ips. Reason: '\(v.text)' is not a valid string")
                }
            }
            var ip: IPAddress?
            if let text = entry["ip_address"]?.string {
                guard let parsed = IPAddress(text) else {
                    throw .invalidInput("Invalid input for fixed_ips. Reason: '\(text)' is not a valid IP address")
                }
                ip = parsed
            }
            let subnetID = entry["subnet_id"]?.string
            guard subnetID != nil || ip != nil else {
                throw .invalidInput("Invalid input for fixed_ips. Reason: an entry needs a subnet_id or an ip_address")
            }
            out.append(FixedIPRequest(subnetID: subnetID, ipAddress: ip))
        }
        return out
    }

    private static func addressPairs(_ a: Attributes) throws(NetworkingError) -> [AddressPairRequest]? {
        guard let items = try a.array("allowed_address_pairs") else { return nil }
        var out: [AddressPairRequest] = []
        for item in items {
            guard let ip = item["ip_address"]?.string else { throw .badRequest("Allowed address pairs must contain ip_address") }
            guard IPAddress(ip) != nil || IPNetwork(ip, strict: false) != nil else {
                throw .invalidInput("Invalid input for allowed_address_pairs. Reason: '\(ip)' is not a valid IP address")
            }
            var mac: String?
            if let value = item["mac_address"] {
                guard let m = value.string, let n = Identifiers.normalizedMAC(m) else {
                    throw .invalidInput("Invalid input for allowed_address_pairs. Reason: '\(value.text)' is not a valid MAC address")
                }
                mac = n
            }
            out.append(AddressPairRequest(ipAddress: ip, macAddress: mac))
        }
        return out
    }

    private static func dhcpOptions(_ a: Attributes) throws(NetworkingError) -> [DHCPOptionChange]? {
        guard let items = try a.array("extra_dhcp_opts") else { return nil }
        var out: [DHCPOptionChange] = []
        for item in items {
            guard let name = item["opt_name"]?.string, !name.isEmpty else {
                throw .invalidInput("Invalid input for extra_dhcp_opts. Reason: '\(item.text)' has no opt_name")
            }
            let value: String?
            switch item["opt_value"] {
            case nil, .null?: value = nil
            case .string(let v)?: value = v
            case let v?: value = v.text
            }
            let version: Int
            switch item["ip_version"] {
            case nil, .null?: version = 4
            case .string(let s)?: version = Int(s) ?? 0
            case let v?: version = v.number.flatMap { $0 == 4 || $0 == 6 ? Int($0) : nil } ?? 0
            }
            guard version == 4 || version == 6 else {
                throw .invalidInput("Invalid input for extra_dhcp_opts. Reason: ip_version '\(item["ip_version"]!.text)' is not in [4, 6]")
            }
            out.removeAll { $0.name == name && $0.ipVersion == version }
            out.append(DHCPOptionChange(name: name, value: value, ipVersion: version))
        }
        return out
    }

    /// A binding profile (`type:dict_or_none`) as JSON text; null clears it.
    static func profile(_ a: Attributes, _ key: String) throws(NetworkingError) -> String? {
        guard let v = a.value(key) else { return nil }
        if v.isNull { return "{}" }
        guard v.object != nil else { throw .invalidInput("Invalid input for \(key). Reason: '\(v.text)' is not a dictionary") }
        // ML2's column holds 4095 characters.
        guard v.text.utf8.count <= 4095 else { throw .invalidInput("binding:profile value too large") }
        return v.text
    }
}
