public import Hummingbird
import Logging
public import OpenStackAPI

/// Any API router served in-process on 127.0.0.1 with an ephemeral port, for tests of the shared HTTP conventions.
public enum RouterTestServer {
    /// Runs `body` with a client of `router` served by ``APIServer`` and stops the server afterwards.
    public static func with<T: Sendable>(_ router: Router<APIRequestContext>, _ body: @Sendable (APIClient) async throws -> T) async throws -> T {
        let (ready, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "router-test")
        logger.logLevel = .critical
        let app = APIServer.application(router: router, address: ListenAddress(host: "127.0.0.1", port: 0), logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let task = Task { try await app.run() }
        var ports = ready.makeAsyncIterator()
        guard let port = await ports.next() else {
            task.cancel()
            throw TestFailure("the router did not start: \(await task.result)")
        }
        let result = await outcome { try await body(APIClient(baseURL: "http://127.0.0.1:\(port)")) }
        task.cancel()
        _ = await task.result
        return try result.get()
    }
}

/// The result of an async throwing body, so cleanup runs before an error is rethrown.
public func outcome<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
