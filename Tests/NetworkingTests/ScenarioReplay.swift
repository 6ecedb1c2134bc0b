import Foundation
import Networking
import OpenStackAPI

/// Replays recorded Networking API calls (`reference/neutron-ovn/api/*.json`) against a `NetworkingCore`.
struct ScenarioReplay {
    let core: NetworkingCore
    let auth: AuthContext

    /// The recorded request of a step: method, path under `/v2.0/` and body.
    static func request(_ step: String) throws -> (method: String, path: [String], body: JSONObject?) {
        let transcript = try JSONParser.parse(Array(ReferenceNB.transcript(step)))
        let request = transcript["request"]!
        let url = request["url"]!.string!
        let path = url.components(separatedBy: "/v2.0/")[1].split(separator: "/").map(String.init)
        return (request["method"]!.string!, path, request["body"]?.object)
    }

    /// The recorded response body of a step.
    static func response(_ step: String) throws -> JSONObject {
        let transcript = try JSONParser.parse(Array(ReferenceNB.transcript(step)))
        return transcript["response"]?["body"]?.object ?? [:]
    }

    /// Sends one step's request (with `patch` applied to the body) and returns the response entity.
    @discardableResult
    func run(_ step: String, patch: (inout JSONObject) -> Void = { _ in }) async throws -> JSONObject? {
        var (method, path, body) = try Self.request(step)
        if var b = body {
            patch(&b)
            body = b
        }
        switch (method, path.count) {
        case ("POST", 1):
            switch path[0] {
            case "networks": return try await core.createNetwork(body!, auth)
            case "subnets": return try await core.createSubnet(body!, auth)
            case "ports": return try await core.createPort(body!, auth)
            case "security-groups": return try await core.createGroup(body!, auth)
            case "security-group-rules": return try await core.createRule(body!, auth)
            case "routers": return try await core.createRouter(body!, auth)
            case "floatingips": return try await core.createFloatingIP(body!, auth)
            default: break
            }
        case ("PUT", 2):
            switch path[0] {
            case "networks": return try await core.updateNetwork(path[1], body!, auth)
            case "ports": return try await core.updatePort(path[1], body!, auth)
            case "routers": return try await core.updateRouter(path[1], body!, auth)
            case "floatingips": return try await core.updateFloatingIP(path[1], body!, auth)
            default: break
            }
        case ("PUT", 3) where path[2] == "add_router_interface":
            return try await core.addInterface(path[1], body!, auth)
        case ("PUT", 3) where path[2] == "remove_router_interface":
            return try await core.removeInterface(path[1], body!, auth)
        case ("DELETE", 2):
            switch path[0] {
            case "networks": try await core.deleteNetwork(path[1], auth)
            case "subnets": try await core.deleteSubnet(path[1], auth)
            case "ports": try await core.deletePort(path[1], auth)
            case "security-groups": try await core.deleteGroup(path[1], auth)
            case "routers": try await core.deleteRouter(path[1], auth)
            case "floatingips": try await core.deleteFloatingIP(path[1], auth)
            default: fatalError("no replay for \(method) \(path)")
            }
            return nil
        default: break
        }
        fatalError("no replay for \(method) \(path)")
    }
}

/// Hands out the ids the recorded scenario's resources had, per kind, in creation order.
final class RecordedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var queues: [IDSource.Kind: [String]]

    init(_ queues: [IDSource.Kind: [String]]) { self.queues = queues }

    var source: IDSource {
        IDSource { kind in
            self.lock.withLock {
                guard let next = self.queues[kind]?.first else { return UUID().uuidString.lowercased() }
                self.queues[kind]!.removeFirst()
                return next
            }
        }
    }
}
