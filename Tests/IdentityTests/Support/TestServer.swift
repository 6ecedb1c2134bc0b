import AsyncHTTPClient
import Foundation
import Identity
import Logging
import OpenStackAPI

/// A real identity service on 127.0.0.1 with an ephemeral port and a temporary state directory.
struct TestServer: Sendable {
    let client: APIClient
    let port: Int
    let credentials: BootstrapCredentials
    let stateDirectory: URL

    /// Runs `body` against a fresh service (low PBKDF2 work factor, test-only) and tears everything down afterwards.
    /// With `stateDirectory` the service starts on that (kept) state instead, as after a restart.
    static func with<T: Sendable>(
        tokenLifetime: TimeInterval = 3600, services: [CatalogService]? = nil, stateDirectory: URL? = nil,
        _ body: @Sendable (TestServer) async throws -> T
    ) async throws -> T {
        let directory = stateDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("identity-test-\(UUID().uuidString)")
        defer { if stateDirectory == nil { try? FileManager.default.removeItem(at: directory) } }
        var configuration = IdentityConfiguration.testing(stateDirectory: directory, tokenLifetime: tokenLifetime)
        if let services { configuration.services = services }
        let service = try IdentityService(configuration: configuration)
        let (ready, continuation) = AsyncStream.makeStream(of: (Int, BootstrapCredentials).self)
        var logger = Logger(label: "identity-test")
        logger.logLevel = .critical
        let serverTask = Task { [logger] in
            try await service.run(logger: logger) { port, credentials in
                continuation.yield((port, credentials))
                continuation.finish()
            }
        }
        var iterator = ready.makeAsyncIterator()
        guard let (port, credentials) = await iterator.next() else {
            serverTask.cancel()
            throw TestFailure("identity service did not start")
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let server = TestServer(client: APIClient(baseURL: "http://127.0.0.1:\(port)", http: http), port: port,
                                credentials: credentials, stateDirectory: directory)
        let result: Result<T, any Error>
        do { result = .success(try await body(server)) } catch { result = .failure(error) }
        try? await http.shutdown()
        serverTask.cancel()
        _ = await serverTask.result
        return try result.get()
    }

    /// A project-scoped admin token.
    func adminToken() async throws -> String {
        try await client.token(user: "admin", password: credentials.adminPassword, project: "admin")
    }

    /// A project-scoped token of the demo user (member of demo).
    func demoToken() async throws -> String {
        try await client.token(user: "demo", password: credentials.demoPassword, project: "demo")
    }

    /// The id of the first entity `name` in collection `path` (e.g. `/v3/roles`, key `roles`).
    func id(of name: String, in collection: String, token: String) async throws -> String {
        let r = try await client.get("/v3/\(collection)?name=\(name)", token: token)
        guard let id = r.json[collection]?.array?.first?["id"]?.string else { throw TestFailure("no \(collection) named \(name): \(r.text)") }
        return id
    }
}
