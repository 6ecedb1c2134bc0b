public import Foundation
public import Hummingbird
public import OpenStackAPI

/// What a stub compute agent was told and what it answers: the `POST /sync` calls it received (with the token
/// they carried) and the console lines it serves per instance.
public actor AgentStubState {
    /// The `X-Auth-Token` of every `POST /sync`, in order.
    public private(set) var syncTokens: [String] = []
    private var consoles: [String: [String]] = [:]

    public init() {}

    /// Sets the console lines of an instance.
    public func setConsole(_ id: String, _ lines: [String]) { consoles[id] = lines }

    func recordSync(_ token: String) { syncTokens.append(token) }

    func console(_ id: String, length: Int?) -> String? {
        guard let lines = consoles[id] else { return nil }
        return (length.map { Array(lines.suffix($0)) } ?? lines).joined(separator: "\n")
    }
}

/// The compute agent's side of the API → agent contract (`POST /sync`, `GET /instances/{id}/console?length=N`),
/// served in-process so compute API tests can check what the API sends its agents.
public enum AgentStubServer {
    /// Runs `body` with the stub's URL and state, and stops the stub afterwards.
    public static func with<T: Sendable>(_ body: @Sendable (String, AgentStubState) async throws -> T) async throws -> T {
        let state = AgentStubState()
        let router = Router(context: APIRequestContext.self)
        router.post("/sync") { request, _ in
            await state.recordSync(request.headers.first { $0.name.canonicalName == "x-auth-token" }?.value ?? "")
            return JSONResponse.empty(status: 202)
        }
        router.get("/instances/:id/console") { request, context in
            let id = try context.parameters.require("id")
            guard let output = await state.console(id, length: request.query("length").flatMap(Int.init)) else {
                return JSONResponse.make(status: 404, body: ["error": "no console"])
            }
            return JSONResponse.make(status: 200, body: ["output": .string(output)])
        }
        return try await RouterTestServer.with(router) { client in try await body(client.baseURL, state) }
    }
}
