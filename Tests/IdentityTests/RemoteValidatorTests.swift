import Foundation
@testable import Identity
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// The token middleware of the other services, driven against the real identity service.
@Suite struct RemoteValidatorTests {
    @Test func validatesThroughHTTPAndCaches() async throws {
        try await IdentityTestServer.with { server in
            let remote = RemoteTokenValidator(identityURL: server.client.baseURL,
                                              credentials: .init(userName: "admin", password: server.credentials.adminPassword, projectName: "admin"),
                                              client: server.client.http)
            let demo = try await server.demoToken()
            let context = try #require(try await remote.validate(demo))
            #expect(context.userName == "demo")
            #expect(context.projectName == "demo")
            #expect(context.has(.reader))
            #expect(!context.isAdmin)
            #expect(context.canWrite(project: context.projectID))
            #expect(!context.canWrite(project: "other"))
            #expect(try await remote.validate("garbage") == nil)
            let cached = CachingTokenValidator(upstream: remote, ttl: 60)
            #expect(try await cached.validate(demo)?.userName == "demo")
            #expect(try await cached.validate(demo)?.userName == "demo")
        }
    }
}
