import Foundation
import Networking
import OpenStackAPI
import OpenStackAPITesting

/// Replays recorded Networking API calls (`reference/neutron-ovn/api/*.json`) over HTTP.
struct ScenarioReplay {
    let client: APIClient
    let token: String
    /// Created resources are given to this project (`project_id` in every create body), as the recording's were.
    let project: String

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

    /// Sends one step's request (with `patch` applied to the body) and returns the response body; throws
    /// unless the service answers with the recorded status class (2xx).
    @discardableResult
    func run(_ step: String, patch: (inout JSONObject) -> Void = { _ in }) async throws -> JSON {
        var (method, path, body) = try Self.request(step)
        if var b = body {
            patch(&b)
            if method == "POST", path.count == 1, let key = b.keys.first, var entity = b[key]?.object {
                entity["project_id"] = .string(project)
                b[key] = .object(entity)
            }
            body = b
        }
        let r = try await client.send(method, "/v2.0/" + path.joined(separator: "/"), token: token, json: body.map(JSON.object))
        guard (200..<300).contains(r.status) else { throw TestFailure("\(step): \(method) \(path.joined(separator: "/")): \(r)") }
        return r.json
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
