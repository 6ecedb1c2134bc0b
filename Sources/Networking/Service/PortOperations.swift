import Addressing
import Hummingbird
import OpenStackAPI

/// `/v2.0/ports`.
extension NetworkingCore {
    static let portRules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "network_id": .init(post: true, put: false), "admin_state_up": .init(post: true, put: true),
        "mac_address": .init(post: true, put: true), "fixed_ips": .init(post: true, put: true), "device_id": .init(post: true, put: true),
        "device_owner": .init(post: true, put: true), "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
        "security_groups": .init(post: true, put: true), "port_security_enabled": .init(post: true, put: true),
        "allowed_address_pairs": .init(post: true, put: true), "extra_dhcp_opts": .init(post: true, put: true),
        "binding:host_id": .init(post: true, put: true), "binding:vnic_type": .init(post: true, put: true),
        "binding:profile": .init(post: true, put: true), "description": .init(post: true, put: true),
    ]

    public func listPorts(_ auth: AuthContext) -> [JSONObject] {
        visiblePorts(network: nil, auth).map(Representation.port)
    }

    /// The caller's ports, of one network when given (the common `?network_id=` filter without scanning every port).
    public func visiblePorts(network: String?, _ auth: AuthContext) -> [Port] {
        (network.map { state.ports(of: $0) } ?? Array(state.ports.values)).filter { owns($0.projectID, auth) }
    }

    /// Port attributes a list can filter and sort on before rendering.
    public static let portFields: Set<String> = [
        "id", "name", "network_id", "mac_address", "device_id", "device_owner", "status", "project_id", "tenant_id",
        "binding:host_id", "admin_state_up", "description",
    ]

    /// `GET /v2.0/ports`: filtered, ordered and paged on port ids, rendering only the page.
    public func listPortsResponse(_ request: Request, _ context: APIRequestContext) throws -> Response {
        let auth = try context.requireAuth()
        let networks = request.queryItems.filter { $0.0 == "network_id" }.map(\.1)
        let ports = state.ports
        let ids = (networks.count == 1 ? Array(state.portIDs[networks[0]] ?? []) : Array(ports.keys))
            .filter { ports[$0].map { owns($0.projectID, auth) } ?? false }
        return try Collections.respond("ports", ids, fields: Self.portFields,
                                       field: { id, key in key == "id" ? id : ports[id].flatMap { Self.portField($0, key) } },
                                       render: { Representation.port(ports[$0]!) }, request, context)
    }

    public nonisolated static func portField(_ p: Port, _ key: String) -> String? {
        switch key {
        case "id": p.id
        case "name": p.name
        case "network_id": p.networkID
        case "mac_address": p.macAddress
        case "device_id": p.deviceID
        case "device_owner": p.deviceOwner
        case "status": p.status
        case "project_id", "tenant_id": p.projectID
        case "binding:host_id": p.hostID
        case "admin_state_up": String(p.adminStateUp)
        case "description": p.std.description
        default: nil
        }
    }

    public func showPort(_ id: String, _ auth: AuthContext) throws -> JSONObject { Representation.port(try ownPort(id, auth)) }

    public func createPort(_ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        let a = try Attributes(body, resource: "port", rules: Self.portRules, create: true)
        guard let networkID = try a.string("network_id") else {
            throw NeutronErrors.badRequest("Failed to parse request. Required attribute 'network_id' not specified")
        }
        let network = try visibleNetwork(networkID, auth)
        let project = try owningProject(a, auth, resource: "port")
        var batch = Batch()
        var defaultGroup = state.defaultGroups[project]
        if defaultGroup == nil, let g = defaultGroupIfMissing(project) {
            batch.groups.append(g)
            defaultGroup = g.id
        }
        let mac: String
        if let text = try a.string("mac_address") {
            guard let m = Identifiers.normalizedMAC(text) else {
                throw NeutronErrors.invalidInput("Invalid input for mac_address. Reason: '\(text)' is not a valid MAC address")
            }
            if state.macs[m] != nil { throw NeutronErrors.macInUse(m, network: networkID) }
            mac = m
        } else {
            mac = Identifiers.uniqueMAC(in: state)
        }
        let owner = try a.string("device_owner") ?? ""
        var port = Port(
            id: ids.make(.port), projectID: project, networkID: networkID, name: try a.string("name") ?? "", macAddress: mac,
            adminStateUp: try a.bool("admin_state_up") ?? true, status: "DOWN", deviceID: try a.string("device_id") ?? "",
            deviceOwner: owner, fixedIPs: [], securityGroups: [], portSecurityEnabled: try a.bool("port_security_enabled") ?? network.portSecurityEnabled,
            allowedAddressPairs: [], extraDHCPOpts: [], hostID: try a.string("binding:host_id") ?? "",
            vnicType: try vnicType(a) ?? "normal", profile: try profile(a) ?? "{}",
            std: StandardAttributes(revision: 1, description: try a.string("description") ?? ""))
        port.fixedIPs = try fixedIPs(a, network: network, port: port) ?? defaultAddresses(network: network, mac: mac)
        if let groups = try a.strings("security_groups") {
            port.securityGroups = try checkedGroups(groups, auth)
        } else if port.portSecurityEnabled, !owner.hasPrefix("network:") {
            port.securityGroups = defaultGroup.map { [$0] } ?? []
        }
        if !port.portSecurityEnabled, !port.securityGroups.isEmpty { throw Self.portSecurityRequired }
        port.allowedAddressPairs = try addressPairs(a, port: port) ?? []
        port.extraDHCPOpts = try dhcpOptions(a) ?? []
        batch.ports.append(port)
        try await commit(batch)
        return Representation.port(port)
    }

    public func updatePort(_ id: String, _ body: JSONObject, _ auth: AuthContext) async throws -> JSONObject {
        var p = try ownPort(id, auth)
        let a = try Attributes(body, resource: "port", rules: Self.portRules, create: false)
        let network = try visibleNetwork(p.networkID, auth)
        let groupsBefore = p.securityGroups
        if let v = try a.string("name") { p.name = v }
        if let v = try a.string("description") { p.std.description = v }
        if let v = try a.bool("admin_state_up") { p.adminStateUp = v }
        if let v = try a.string("device_id") { p.deviceID = v }
        if let v = try a.string("device_owner") { p.deviceOwner = v }
        if let v = try a.string("binding:host_id") { p.hostID = v }
        if let v = try vnicType(a) { p.vnicType = v }
        if let v = try profile(a) { p.profile = v }
        if let text = try a.string("mac_address"), text.lowercased() != p.macAddress {
            guard let m = Identifiers.normalizedMAC(text) else {
                throw NeutronErrors.invalidInput("Invalid input for mac_address. Reason: '\(text)' is not a valid MAC address")
            }
            guard auth.isAdmin else { throw NeutronErrors.forbidden("update_port:mac_address") }
            guard p.hostID.isEmpty else {
                throw NeutronErrors.conflict("PortBound", "Unable to complete operation on port \(id), port is already bound, port type: ovs, old_mac \(p.macAddress), new_mac \(m).")
            }
            if state.macs[m] != nil { throw NeutronErrors.macInUse(m, network: p.networkID) }
            p.macAddress = m
        }
        if let v = try a.bool("port_security_enabled") { p.portSecurityEnabled = v }
        if let groups = try a.strings("security_groups") { p.securityGroups = try checkedGroups(groups, auth) }
        if !p.portSecurityEnabled, !p.securityGroups.isEmpty { throw Self.portSecurityRequired }
        if a.has("fixed_ips") { p.fixedIPs = try fixedIPs(a, network: network, port: p) ?? [] }
        if let pairs = try addressPairs(a, port: p) { p.allowedAddressPairs = pairs }
        if !p.portSecurityEnabled, !p.allowedAddressPairs.isEmpty { throw Self.pairsNeedPortSecurity }
        if let opts = try dhcpOptions(a) { p.extraDHCPOpts = opts }
        // Neutron bumps the revision once more when the security-group bindings change.
        p.std.bump(p.securityGroups == groupsBefore ? 1 : 2)
        var batch = Batch()
        batch.ports = [p]
        try await commit(batch)
        return Representation.port(p)
    }

    public func deletePort(_ id: String, _ auth: AuthContext) async throws {
        let p = try ownPort(id, auth)
        if p.deviceOwner == DeviceOwner.routerInterface || p.deviceOwner == DeviceOwner.routerGateway {
            throw NeutronErrors.conflict("L3PortInUse", "Port \(id) cannot be deleted directly via the port API: has device owner \(p.deviceOwner).")
        }
        var batch = Batch()
        batch.deletedPorts = [id]
        batch.floatingIPs = disassociated(from: [id])
        try await commit(batch)
    }

    /// The floating IPs of these ports, disassociated (their ports are going away).
    func disassociated(from ports: [String]) -> [FloatingIP] {
        state.floatingIPs.values.filter { $0.portID.map(ports.contains) == true }.map { f in
            var f = f
            f.portID = nil
            f.fixedIP = nil
            f.routerID = nil
            f.std.bump(2)
            return f
        }
    }

    /// Sets a port's status from OVN (`Logical_Switch_Port.up`); not a user change, so no revision bump.
    func setStatus(port id: String, up: Bool) async {
        guard var p = state.ports[id], !p.isMetadata else { return }
        let status = up ? "ACTIVE" : "DOWN"
        guard p.status != status else { return }
        p.status = status
        var batch = Batch()
        batch.ports = [p]
        do { try await commit(batch) } catch { logger.warning("port status not saved", metadata: ["port": "\(id)"]) }
    }

    static let portSecurityRequired = APIError(
        status: 400, message: "Port has security group associated. Cannot disable port security or ip address until security group is removed",
        type: "PortSecurityAndIPRequiredForSecurityGroups")
    static let pairsNeedPortSecurity = APIError(
        status: 409, message: "Port Security must be enabled in order to have allowed address pairs on a port.",
        type: "AddressPairAndPortSecurityRequired")

    private func checkedGroups(_ ids: [String], _ auth: AuthContext) throws(APIError) -> [String] {
        var out: [String] = []
        for id in ids where !out.contains(id) {
            _ = try ownGroup(id, auth)
            out.append(id)
        }
        return out
    }

    /// One address from the first IPv4 subnet with room, plus the EUI-64 address of every SLAAC subnet.
    private func defaultAddresses(network: Network, mac: String) throws(APIError) -> [Port.FixedIP] {
        let subnets = state.subnets(of: network.id)
        var out: [Port.FixedIP] = []
        var needed = false
        for s in subnets where !s.isAutoAddress {
            needed = true
            if let ip = IPAM.randomFree(s.poolRanges, used: state.allocations[s.id] ?? [:]) {
                out.append(.init(subnetID: s.id, ipAddress: ip.description))
                break
            }
        }
        if needed, out.isEmpty { throw NeutronErrors.poolExhausted(network: network.id) }
        for s in subnets where s.isAutoAddress {
            if let ip = IPAM.eui64(s.network, mac: mac) { out.append(.init(subnetID: s.id, ipAddress: ip.description)) }
        }
        return out
    }

    /// The requested `fixed_ips`: a subnet, an address, or both per entry; addresses checked and allocated.
    private func fixedIPs(_ a: Attributes, network: Network, port: Port) throws(APIError) -> [Port.FixedIP]? {
        guard let items = try a.array("fixed_ips") else { return nil }
        var out: [Port.FixedIP] = []
        var taken: [String: [IPAddress: String]] = [:]
        let own = Set(port.fixedIPs.map(\.ipAddress))
        for item in items {
            guard let entry = item.object else { throw NeutronErrors.invalidInput("Invalid input for fixed_ips. Reason: '\(item.text)' is not a dictionary") }
            let subnetID = entry["subnet_id"]?.string
            let ipText = entry["ip_address"]?.string
            let unknown = entry.keys.filter { $0 != "subnet_id" && $0 != "ip_address" }
            if !unknown.isEmpty { throw NeutronErrors.invalidInput("Invalid input for fixed_ips. Reason: Unrecognized attribute(s) '\(unknown.joined(separator: ", "))'") }
            var ip: IPAddress?
            if let ipText {
                guard let parsed = IPAddress(ipText) else {
                    throw NeutronErrors.invalidInput("Invalid input for fixed_ips. Reason: '\(ipText)' is not a valid IP address")
                }
                ip = parsed
            }
            var subnet: Subnet
            if let subnetID {
                guard let s = state.subnets[subnetID], s.networkID == network.id else {
                    throw NeutronErrors.invalidInput("Failed to create port on network \(network.id), because fixed_ips included invalid subnet \(subnetID)")
                }
                subnet = s
                if let ip, !s.network.contains(ip) { throw NeutronErrors.invalidIPForSubnet(ip.description) }
            } else if let ip {
                guard let s = state.subnets(of: network.id).first(where: { $0.network.contains(ip) }) else {
                    throw APIError(status: 400, message: "IP address \(ip) is not a valid IP for any of the subnets on the specified network.",
                                   type: "InvalidIpForNetwork")
                }
                subnet = s
            } else {
                throw NeutronErrors.invalidInput("Invalid input for fixed_ips. Reason: an entry needs a subnet_id or an ip_address")
            }
            var used = state.allocations[subnet.id] ?? [:]
            for (k, v) in taken[subnet.id] ?? [:] { used[k] = v }
            if let ip {
                let mine = own.contains(ip.description) && used[ip] == port.id
                if !mine, used[ip] != nil || ip.description == subnet.gatewayIP && !port.deviceOwner.hasPrefix("network:router") {
                    throw NeutronErrors.ipInUse(ip.description, subnet: subnet.id)
                }
                guard ip != subnet.network.first, !(subnet.ipVersion == 4 && ip == subnet.network.last) else {
                    throw NeutronErrors.invalidIPForSubnet(ip.description)
                }
                out.append(.init(subnetID: subnet.id, ipAddress: ip.description))
                taken[subnet.id, default: [:]][ip] = port.id
            } else if subnet.isAutoAddress, let auto = IPAM.eui64(subnet.network, mac: port.macAddress) {
                out.append(.init(subnetID: subnet.id, ipAddress: auto.description))
            } else {
                if let existing = port.fixedIPs.first(where: { $0.subnetID == subnet.id && !out.contains($0) }) {
                    out.append(existing)
                    continue
                }
                guard let free = IPAM.randomFree(subnet.poolRanges, used: used) else { throw NeutronErrors.poolExhausted(network: network.id) }
                out.append(.init(subnetID: subnet.id, ipAddress: free.description))
                taken[subnet.id, default: [:]][free] = port.id
            }
        }
        return out
    }

    private func addressPairs(_ a: Attributes, port: Port) throws(APIError) -> [Port.AddressPair]? {
        guard let items = try a.array("allowed_address_pairs") else { return nil }
        if !items.isEmpty, !port.portSecurityEnabled { throw Self.pairsNeedPortSecurity }
        var out: [Port.AddressPair] = []
        for item in items {
            guard let ip = item["ip_address"]?.string else {
                throw NeutronErrors.badRequest("Allowed address pairs must contain ip_address")
            }
            guard IPAddress(ip) != nil || IPNetwork(ip, strict: false) != nil else {
                throw NeutronErrors.invalidInput("Invalid input for allowed_address_pairs. Reason: '\(ip)' is not a valid IP address")
            }
            var mac = port.macAddress
            if let m = item["mac_address"]?.string {
                guard let n = Identifiers.normalizedMAC(m) else {
                    throw NeutronErrors.invalidInput("Invalid input for allowed_address_pairs. Reason: '\(m)' is not a valid MAC address")
                }
                mac = n
            }
            let pair = Port.AddressPair(ipAddress: ip, macAddress: mac)
            guard !out.contains(pair) else {
                throw NeutronErrors.invalidInput("Invalid input for allowed_address_pairs. Reason: Duplicate address pair in the request")
            }
            out.append(pair)
        }
        return out
    }

    private func dhcpOptions(_ a: Attributes) throws(APIError) -> [Port.DHCPOption]? {
        guard let items = try a.array("extra_dhcp_opts") else { return nil }
        var out: [Port.DHCPOption] = []
        for item in items {
            guard let name = item["opt_name"]?.string, !name.isEmpty else {
                throw NeutronErrors.invalidInput("Invalid input for extra_dhcp_opts. Reason: '\(item.text)' has no opt_name")
            }
            let value = item["opt_value"]?.string ?? ""
            let version = try item["ip_version"].flatMap { $0.isNull ? nil : $0 }.map { v throws(APIError) in try Attributes.integer(v, "extra_dhcp_opts") } ?? 4
            guard version == 4 || version == 6 else { throw NeutronErrors.invalidInput("Invalid input for extra_dhcp_opts. Reason: ip_version \(version)") }
            out.removeAll { $0.name == name && $0.ipVersion == version }
            out.append(.init(name: name, value: value, ipVersion: version))
        }
        return out
    }

    private func vnicType(_ a: Attributes) throws(APIError) -> String? {
        guard let v = try a.string("binding:vnic_type") else { return nil }
        guard v == "normal" else {
            throw NeutronErrors.invalidInput("Invalid input for binding:vnic_type. Reason: '\(v)' is not in ['normal']")
        }
        return v
    }

    private func profile(_ a: Attributes) throws(APIError) -> String? {
        guard let v = a.value("binding:profile") else { return nil }
        if v.isNull { return "{}" }
        guard v.object != nil else { throw NeutronErrors.invalidInput("Invalid input for binding:profile. Reason: '\(v.text)' is not a dictionary") }
        return v.text
    }
}
