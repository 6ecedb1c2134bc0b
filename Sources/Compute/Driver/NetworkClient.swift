import Foundation
import OpenStackAPI

/// Reads Networking as the service user and applies the caller's project itself (own or shared networks,
/// own ports and security groups), as Nova does with the user's token.
struct NetworkClient: Sendable {
    let client: ServiceClient
    let networkURL: String

    /// A GET answered by Networking; 503 when it does not answer.
    func get(_ path: String) async throws(ComputeError) -> ServiceClient.Answer {
        do { return try await client.call(.GET, networkURL + path) } catch {
            throw .init(.unavailable, "The networking service does not answer.")
        }
    }

    /// A PUT of one JSON body.
    func put(_ path: String, _ body: JSON) async throws(ComputeError) -> ServiceClient.Answer {
        do { return try await client.call(.PUT, networkURL + path, body: body) } catch {
            throw .init(.unavailable, "The networking service does not answer.")
        }
    }

    /// The create's `networks`, each checked to exist and be usable by the caller; omitted means the project's
    /// only network (409 NetworkAmbiguous when it has several, none when it has none).
    func resolve(_ networks: ServerCreate.Networks, for caller: Caller) async throws(ComputeError) -> [RequestedNetwork] {
        guard case .list(let entries) = networks else {
            var candidates = try await usableNetworks(query: "project_id=\(caller.projectID)", caller)
            if candidates.isEmpty { candidates = try await usableNetworks(query: "shared=True", caller) }
            guard candidates.count <= 1 else {
                throw .conflict("Multiple possible networks found, use a Network ID to be more specific.")
            }
            return candidates.map { RequestedNetwork(networkID: $0) }
        }
        var resolved: [RequestedNetwork] = []
        for entry in entries {
            if let portID = entry.port {
                let answer = try await get("/v2.0/ports/\(portID)")
                guard answer.status == 200, let port = answer.body["port"], caller.owns(port["project_id"]?.string ?? "") else {
                    throw .badRequest("Port id \(portID) could not be found.")
                }
                guard (port["device_id"]?.string ?? "").isEmpty else { throw .conflict("Port \(portID) is still in use.") }
                resolved.append(RequestedNetwork(networkID: port["network_id"]?.string, portID: portID,
                                                 portSecurity: port["port_security_enabled"]?.bool))
            } else if let networkID = entry.uuid {
                let answer = try await get("/v2.0/networks/\(networkID)")
                guard answer.status == 200, let network = answer.body["network"], Self.usable(network, caller) else {
                    throw .badRequest("Network \(networkID) could not be found.")
                }
                resolved.append(RequestedNetwork(networkID: networkID, fixedIP: entry.fixedIP,
                                                 portSecurity: network["port_security_enabled"]?.bool))
            }
        }
        return resolved
    }

    private func usableNetworks(query: String, _ caller: Caller) async throws(ComputeError) -> [String] {
        let answer = try await get("/v2.0/networks?\(query)")
        return (answer.body["networks"]?.array ?? []).filter { Self.usable($0, caller) && $0["router:external"]?.bool != true }
            .compactMap { $0["id"]?.string }
    }

    private static func usable(_ network: JSON, _ caller: Caller) -> Bool {
        caller.owns(network["project_id"]?.string ?? "") || network["shared"]?.bool == true
    }

    /// Security groups by name or id in the caller's project; nothing asked means the project's `default` (when it exists).
    func resolveSecurityGroups(_ names: [String], for caller: Caller) async throws(ComputeError) -> [SecurityGroupRef] {
        if names.isEmpty { return (try? await securityGroup("default", caller)).map { [$0] } ?? [] }
        var refs: [SecurityGroupRef] = []
        for name in names {
            let ref = try await securityGroup(name, caller)
            if !refs.contains(ref) { refs.append(ref) }
        }
        return refs
    }

    /// One security group by id or name; 400 when missing, 409 when the name is ambiguous.
    func securityGroup(_ nameOrID: String, _ caller: Caller) async throws(ComputeError) -> SecurityGroupRef {
        let notFound = ComputeError.badRequest("Security group \(nameOrID) not found for project \(caller.projectID).")
        if UUIDText.isValid(nameOrID) {
            let answer = try await get("/v2.0/security-groups/\(nameOrID)")
            if answer.status == 200, let group = answer.body["security_group"], caller.owns(group["project_id"]?.string ?? ""),
               let id = group["id"]?.string {
                return SecurityGroupRef(id: id, name: group["name"]?.string ?? "")
            }
        }
        let query = FormQuery.encode(nameOrID)
        let answer = try await get("/v2.0/security-groups?name=\(query)&project_id=\(caller.projectID)")
        let groups = (answer.body["security_groups"]?.array ?? []).filter { $0["project_id"]?.string == caller.projectID }
        guard groups.count <= 1 else { throw .conflict("Multiple security groups found matching '\(nameOrID)'. Use an ID to be more specific.") }
        guard let group = groups.first, let id = group["id"]?.string else { throw notFound }
        return SecurityGroupRef(id: id, name: group["name"]?.string ?? nameOrID)
    }
}

/// Percent-encoding of query values.
enum FormQuery {
    static func encode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII, c.isLetter || c.isNumber || "-_.~".contains(c) { out.append(c) } else { out += String(format: "%%%02X", byte) }
        }
        return out
    }
}
