import AsyncHTTPClient
public import Foundation
public import Identity
import Logging
import OpenStackAPI

/// The real identity service in-process on 127.0.0.1 with an ephemeral port and its own state directory
/// (low PBKDF2 work factor, test-only).
public final class IdentityTestServer: Sendable {
    /// A client of the service.
    public let client: APIClient
    /// The bound port.
    public let port: Int
    /// The bootstrap passwords of `admin` and `demo`.
    public let credentials: BootstrapCredentials
    /// The state directory (database, password files).
    public let stateDirectory: URL
    private let task: Task<Void, any Error>
    private let ownsDirectory: Bool

    /// Starts a service; with `stateDirectory` it starts on that (kept) state, as after a restart.
    public static func start(tokenLifetime: TimeInterval = 3600, services: [CatalogService]? = nil,
                             stateDirectory: URL? = nil) async throws -> IdentityTestServer {
        let directory = try stateDirectory ?? makeTemporaryDirectory("identity-test")
        var configuration = IdentityConfiguration.testing(stateDirectory: directory, tokenLifetime: tokenLifetime)
        if let services { configuration.services = services }
        let service = try IdentityService(configuration: configuration)
        let (ready, continuation) = AsyncStream.makeStream(of: (Int, BootstrapCredentials).self)
        var logger = Logger(label: "identity-test")
        logger.logLevel = .critical
        let task = Task { [logger] in
            defer { continuation.finish() }
            try await service.run(logger: logger) { port, credentials in continuation.yield((port, credentials)) }
        }
        var iterator = ready.makeAsyncIterator()
        guard let (port, credentials) = await iterator.next() else {
            task.cancel()
            throw TestFailure("identity service did not start: \(await task.result)")
        }
        return IdentityTestServer(port: port, credentials: credentials, stateDirectory: directory, task: task, ownsDirectory: stateDirectory == nil)
    }

    private init(port: Int, credentials: BootstrapCredentials, stateDirectory: URL, task: Task<Void, any Error>, ownsDirectory: Bool) {
        self.client = APIClient(baseURL: "http://127.0.0.1:\(port)")
        self.port = port
        self.credentials = credentials
        self.stateDirectory = stateDirectory
        self.task = task
        self.ownsDirectory = ownsDirectory
    }

    /// Stops the service and removes the state directory it made.
    public func stop() async {
        task.cancel()
        _ = await task.result
        if ownsDirectory { try? FileManager.default.removeItem(at: stateDirectory) }
    }

    /// Runs `body` against a fresh service and tears everything down afterwards (see ``start(tokenLifetime:services:stateDirectory:)``).
    public static func with<T: Sendable>(tokenLifetime: TimeInterval = 3600, services: [CatalogService]? = nil, stateDirectory: URL? = nil,
                                         _ body: @Sendable (IdentityTestServer) async throws -> T) async throws -> T {
        let server = try await start(tokenLifetime: tokenLifetime, services: services, stateDirectory: stateDirectory)
        let result = await outcome { try await body(server) }
        await server.stop()
        return try result.get()
    }

    /// `http://127.0.0.1:<port>`.
    public var url: String { client.baseURL }

    /// A project-scoped admin token.
    public func adminToken() async throws -> String {
        try await client.token(user: "admin", password: credentials.adminPassword, project: "admin")
    }

    /// A project-scoped token of the demo user (member of demo).
    public func demoToken() async throws -> String {
        try await client.token(user: "demo", password: credentials.demoPassword, project: "demo")
    }

    /// The id of the first entity named `name` in `collection` (e.g. `roles`).
    public func id(of name: String, in collection: String, token: String) async throws -> String {
        let r = try await client.get("/v3/\(collection)?name=\(name)", token: token)
        guard let id = r.json[collection]?.array?.first?["id"]?.string else { throw TestFailure("no \(collection) named \(name): \(r)") }
        return id
    }

    /// A new project `name` with a new user holding `role` on it; returns a token scoped to it and the project id.
    public func projectMember(_ name: String, role: String = "member") async throws -> (token: String, projectID: String) {
        let admin = try await adminToken()
        let project = try await client.post("/v3/projects", token: admin, json: ["project": ["name": .string(name)]])
        guard project.status == 201, let projectID = project.json["project"]?["id"]?.string else { throw TestFailure("project \(name): \(project)") }
        let password = "pw-\(UUID().uuidString)"
        let user = try await client.post("/v3/users", token: admin, json: ["user": ["name": .string("u-\(name)"), "password": .string(password)]])
        guard user.status == 201, let userID = user.json["user"]?["id"]?.string else { throw TestFailure("user for \(name): \(user)") }
        let roleID = try await id(of: role, in: "roles", token: admin)
        let grant = try await client.put("/v3/projects/\(projectID)/users/\(userID)/roles/\(roleID)", token: admin)
        guard grant.status == 204 else { throw TestFailure("grant on \(name): \(grant)") }
        return (try await client.token(user: "u-\(name)", password: password, project: name), projectID)
    }
}
