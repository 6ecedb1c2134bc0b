import Foundation
import MetadataSecret
import NIOCore
import OVSDBTestSupport
import ProgramRunner
import Testing
@testable import MetadataAgent
#if canImport(Glibc)
import Glibc
#endif

/// The proxy's HTTP side on loopback (no namespace needed: the listener is made through the same `setns` path,
/// into this process's own namespace) and the forwarder's answers when nova-metadata fails or is missing.
struct ProxyForwardingTests {
    /// The port a listening socket got.
    static func port(of fd: Int32) -> Int {
        var sin = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &sin) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: sin.sin_port))
    }

    @Test(.enabled(if: getuid() == 0 && Program.find("curl") != nil, "needs root (setns) and curl"))
    func listenerAnswersKeepAliveRequestsWithThePeerAddressAndRefusesHugeBodies() async throws {
        let fd = try await NamespaceSocket.listen(namespacePath: "/proc/self/ns/net", address: "127.0.0.1", port: 0)
        let port = Self.port(of: fd)
        let listener = try await ProxyListener.start(descriptor: fd) { request in
            .text(200, "\(request.method) \(request.uri) from \(request.client) body=\(request.body.readableBytes)")
        }
        defer { Task { await listener.close() } }
        let two = await Program.probeAsync("curl", ["-s", "http://127.0.0.1:\(port)/a?b=1", "http://127.0.0.1:\(port)/c", "-w", "|%{num_connects}\n"])
        #expect(two.output.contains("GET /a?b=1 from 127.0.0.1 body=0"))
        #expect(two.output.contains("GET /c from 127.0.0.1 body=0"))
        #expect(two.output.contains("|0"), "the second request reuses the connection: \(two.output)")
        let posted = await Program.probeAsync("curl", ["-s", "-X", "POST", "--data-binary", "12345", "http://127.0.0.1:\(port)/p"])
        #expect(posted.output.contains("POST /p from 127.0.0.1 body=5"))
        let huge = String(repeating: "x", count: ProxyHTTPHandler.bodyLimit + 1)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mat-huge-\(UUID().uuidString.prefix(6))")
        try huge.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let refused = await Program.probeAsync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--data-binary", "@\(file.path)",
                                                        "http://127.0.0.1:\(port)/p"])
        #expect(refused.output == "413")
    }

    @Test func forwarderPassesStatusAndBodyBackAndAnswers503WhenNovaIsUnreachable() async throws {
        let secret = "never-\(UUID().uuidString)"
        let instance = InstanceIdentity(instanceID: "inst-1", projectID: "proj-1")
        let request = ProxyRequest(method: "GET", uri: "/openstack", body: ByteBuffer(), client: "10.0.0.5")
        try await FakeNovaMetadata.with { url, nova in
            await nova.answer(.forbidden)
            let forwarded = await MetadataForwarder(baseURL: url + "/", secret: SharedSecret(secret)).forward(request, instance: instance)
            #expect(forwarded.status == 403)
            #expect(forwarded.contentType == "application/json")
            #expect(String(buffer: forwarded.body).contains("/openstack"))
            let got = try #require(await nova.received.last)
            #expect(got.path == "/openstack")
            #expect(Set(got.headers.keys).isSubset(of: ["x-forwarded-for", "x-instance-id", "x-tenant-id", "x-instance-id-signature",
                                                         "host", "content-length", "connection", "user-agent", "accept-encoding"]), "\(got.headers.keys)")
            #expect(got.headers["x-instance-id-signature"] == SharedSecret(secret).sign("inst-1"))
        }
        let dead = try TestOVSDBServer.freePort()
        let http = MetadataForwarder.makeClient()
        let started = ContinuousClock.now
        let unreachable = await MetadataForwarder(baseURL: "http://127.0.0.1:\(dead)", secret: SharedSecret(secret), http: http)
            .forward(request, instance: instance)
        let waited = ContinuousClock.now - started
        try await http.shutdown()
        // A refused connect is immediate; the bound only says the guest is not held for a long HTTP timeout.
        #expect(waited < .seconds(30), "an unreachable nova-metadata is a quick 503")
        #expect(unreachable.status == 503)
        #expect(!String(buffer: unreachable.body).contains(secret))
        #expect(String(buffer: unreachable.body).contains("did not answer"))
    }
}
