import Deploy
import Foundation
import Identity
import NIOHTTP1
import OpenStackAPI

/// The demo user's view of a cluster, for `launch` and `ssh`: a token, the API URLs, and JSON calls whose
/// failures name the service and its log.
struct DemoSession {
    let state: ClusterState
    let layout: StateLayout
    let token: String

    var compute: String { "http://127.0.0.1:\(state.ports.compute)/v2.1" }
    var network: String { "http://127.0.0.1:\(state.ports.network)/v2.0" }
    var image: String { "http://127.0.0.1:\(state.ports.image)/v2" }
    /// The outside world's namespace (where floating IPs are reached from).
    var externalNamespace: String { state.names.externalNetns }
    /// The key `launch` makes and `ssh` uses.
    var keyFile: String { "\(layout.root)/launch/id_ed25519" }

    /// A session as `demo` in project `demo`.
    static func open(_ cluster: ClusterOptions) async throws -> DemoSession {
        let layout = cluster.layout
        guard let state = try ClusterState.load(layout) else {
            throw CloudAccessError("cluster \(cluster.name) has no state in \(layout.root); run `ovnstack up` first")
        }
        let credentials = try BootstrapCredentials.load(stateDirectory: URL(fileURLWithPath: layout.identityDir(state.spec.controlNode.name)))
        let token = try await ServiceToken(identityURL: "http://127.0.0.1:\(state.ports.identity)", credentials: .init(
            userName: "demo", password: credentials.demoPassword, projectName: "demo")).value()
        return DemoSession(state: state, layout: layout, token: token)
    }

    /// Sends one call; answers (status, body). Throws only when the service does not answer.
    func call(_ method: HTTPMethod, _ url: String, _ body: JSON? = nil) async throws -> (Int, JSON) {
        var headers = [("X-Auth-Token", token)]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let response: CloudHTTP.Response
        do {
            response = try await CloudHTTP.send(method, url, headers: headers, body: body?.bytes, timeout: .seconds(30))
        } catch {
            throw CloudAccessError("\(url) does not answer (\(error)); check `ovnstack status` and the service's log under \(layout.root)/ctl/log")
        }
        return (response.status, (try? JSONParser.parse(response.body)) ?? .null)
    }

    /// A call that must succeed (2xx); otherwise the error names the call and the service's message.
    @discardableResult
    func require(_ method: HTTPMethod, _ url: String, _ body: JSON? = nil) async throws -> JSON {
        let (status, json) = try await call(method, url, body)
        guard (200..<300).contains(status) else {
            throw CloudAccessError("\(method) \(url) answered \(status): \(Self.message(json))")
        }
        return json
    }

    /// The message of an OpenStack error body, whatever the service's style.
    static func message(_ json: JSON) -> String {
        if let m = json["NeutronError"]?["message"]?.string { return m }
        if let m = json["message"]?.string { return m }
        if case .object(let o) = json, let first = o.values.first?["message"]?.string { return first }
        return json.text
    }

    /// The server named (or with id) `name`, nil when there is none.
    func server(named name: String) async throws -> JSON? {
        let (status, byID) = try await call(.GET, "\(compute)/servers/\(name)")
        if status == 200 { return byID["server"] }
        let list = try await require(.GET, "\(compute)/servers/detail?name=\(name)")
        return list["servers"]?.array?.first { $0["name"]?.string == name }
    }

    /// The floating address in a server's `addresses`, if any.
    static func floatingIP(_ server: JSON) -> String? {
        guard case .object(let networks)? = server["addresses"] else { return nil }
        return networks.values.lazy.compactMap(\.array).joined().first { $0["OS-EXT-IPS:type"]?.string == "floating" }?["addr"]?.string
    }
}
