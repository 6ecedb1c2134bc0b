import Crypto
import Foundation
import MetadataSecret
import OVSDBTestSupport
import OpenStackAPITesting
import ProgramRunner
import Testing
@testable import MetadataAgent

/// The agent against a real OVN (NB, SB, northd, one chassis with ovs-vswitchd on the userspace datapath and
/// ovn-controller): a network with its metadata localport and one instance port plugged from a guest namespace.
/// The agent, run in-process, must make the metadata namespace, register in Chassis_Private, answer the guest's
/// curl through OVN by forwarding it signed to a stand-in nova-metadata, refuse an address no port holds,
/// survive a restart without making anything twice, and remove everything when the instance port goes.
@Suite(.serialized)
struct MetadataAgentIntegrationTests {
    @Test(.enabled(if: TestOVN.canRun, "needs root, OVS/OVN daemons, iproute2, ethtool and curl"), .timeLimit(.minutes(3)))
    func namespaceProxyRestartAndTeardown() async throws {
        let tag = String(UUID().uuidString.prefix(6)).lowercased()
        let ovn = try TestOVN(name: "mat-\(tag)")
        let prefix = "mat-\(tag)-meta"
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("mat-\(tag)")
        defer {
            ovn.destroy()
            for ns in Self.namespaces(prefix: prefix) { _ = Program.probe("ip", ["netns", "del", ns]) }
            try? FileManager.default.removeItem(at: work)
        }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let network = UUID().uuidString.lowercased(), metadataPort = UUID().uuidString.lowercased()
        let vif = UUID().uuidString.lowercased(), instance = UUID().uuidString.lowercased(), project = "project-\(tag)"
        let names = MetadataNames(prefix: prefix)
        let secret = "secret-\(tag)-\(UUID().uuidString)"
        let secretFile = work.appendingPathComponent("metadata-secret")
        try (secret + "\n").write(to: secretFile, atomically: true, encoding: .utf8)

        let ls = "neutron-\(network)"
        try ovn.nbctl(["ls-add", ls, "--", "set", "Logical_Switch", ls, "external_ids:\"neutron:mtu\"=\"1442\"",
                       "external_ids:\"neutron:network_name\"=private"])
        try ovn.nbctl(["lsp-add", ls, metadataPort, "--", "lsp-set-type", metadataPort, "localport",
                       "--", "lsp-set-addresses", metadataPort, "fa:16:3e:aa:00:02 10.77.0.2",
                       "--", "set", "Logical_Switch_Port", metadataPort, "external_ids:\"neutron:device_owner\"=\"network:distributed\"",
                       "external_ids:\"neutron:device_id\"=\"ovnmeta-\(network)\"", "external_ids:\"neutron:cidrs\"=\"10.77.0.2/24\""])
        try ovn.nbctl(["lsp-add", ls, vif, "--", "lsp-set-addresses", vif, "fa:16:3e:aa:00:11 10.77.0.11",
                       "--", "set", "Logical_Switch_Port", vif, "external_ids:\"neutron:device_id\"=\"\(instance)\"",
                       "external_ids:\"neutron:project_id\"=\"\(project)\""])
        let guest = try ovn.plugGuest("guest", veth: "g\(tag)", mac: "fa:16:3e:aa:00:11", cidr: "10.77.0.11/24", metadataIP: "10.77.0.2", ifaceID: vif)
        try ovn.waitUntil("the VIF is bound to the chassis") {
            !((try? ovn.sbctl(["--bare", "--columns=chassis", "find", "Port_Binding", "logical_port=\(vif)"])) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        // A namespace of ours that no network needs (left by an earlier agent) goes at start.
        let stale = names.namespace(UUID().uuidString.lowercased())
        try Program.run("ip", ["netns", "add", stale])

        let log = RecordingLog()
        let base = MetadataAgentConfiguration(
            host: ovn.node, nodeNamespace: ovn.node, namespacePrefix: prefix, ovsDatabase: "unix:\(ovn.ovs.socketPath)",
            southbound: "unix:\(ovn.sb.socketPath)", metadataURL: "", sharedSecret: try SharedSecret(contentsOfFile: secretFile.path),
            stateDirectory: work.appendingPathComponent("state"))
        try await FakeNovaMetadata.with { url, nova in
            var configuration = base
            configuration.metadataURL = url
            var agent = try await Self.start(configuration, log: log)
            let ns = names.namespace(network), inner = names.namespaceLink(network), outer = names.nodeLink(network)

            // The namespace, its veth and addresses; the stale one is gone.
            #expect(Self.namespaces(prefix: prefix) == [ns])
            let link = try #require(await HostLinks.link(inner, in: ns))
            #expect(link == LinkState(mac: "fa:16:3e:aa:00:02", mtu: 1442, up: true))
            #expect(await HostLinks.addresses(inner, in: ns) == ["10.77.0.2/24", "169.254.169.254/32"])
            #expect(await HostLinks.link(outer, in: ovn.node)?.up == true)
            #expect(try ovn.vsctl(["port-to-br", outer]).trimmingCharacters(in: .whitespacesAndNewlines) == "br-int")
            #expect(try ovn.vsctl(["get", "Interface", outer, "external_ids:iface-id"]).contains(metadataPort))
            #expect(ovn.exec(ns, "ethtool", ["-k", inner]).output.contains("tx-checksumming: off"))

            // Registration: the three keys; the sb-cfg follows SB_Global.nb_cfg.
            let identity = AgentIdentity(systemID: ovn.systemID)
            var keys = try Self.chassisKeys(ovn)
            #expect(keys["neutron:ovn-metadata-id"] == identity.agentID.uuidString.lowercased())
            #expect(keys["neutron:ovn-bridge"] == "br-int")
            #expect(keys["neutron:ovn-metadata-sb-cfg"] != nil)
            try ovn.nbctl(["--wait=sb", "sync"])
            let nbCfg = try ovn.sbctl(["get", "SB_Global", ".", "nb_cfg"]).trimmingCharacters(in: .whitespacesAndNewlines)
            try ovn.waitUntil("the agent catches up with nb_cfg \(nbCfg)", seconds: 5) {
                (try? Self.chassisKeys(ovn))?["neutron:ovn-metadata-sb-cfg"] == nbCfg
            }
            keys = try Self.chassisKeys(ovn)
            #expect(keys["neutron:ovn-metadata-sb-cfg"] == nbCfg && nbCfg != "0")

            // The guest's request, through OVN, forwarded signed with only the four headers.
            let answer = try Self.curl(ovn, guest, ["-H", "X-Instance-ID: forged", "-H", "X-Guest-Probe: 1",
                                                    "http://169.254.169.254/openstack/latest/meta_data.json?probe=1"])
            #expect(answer.status == 200)
            #expect(answer.body.contains("/openstack/latest/meta_data.json"))
            let got = try #require(await nova.received.last)
            #expect(got.method == "GET" && got.path == "/openstack/latest/meta_data.json" && got.query == "probe=1")
            #expect(got.headers["x-instance-id"] == instance)
            #expect(got.headers["x-tenant-id"] == project)
            #expect(got.headers["x-forwarded-for"] == "10.77.0.11")
            let signature = HMAC<SHA256>.authenticationCode(for: Data(instance.utf8), using: SymmetricKey(data: Data(secret.utf8)))
                .map { String(format: "%02x", $0) }.joined()
            #expect(got.headers["x-instance-id-signature"] == signature)
            #expect(got.headers["x-guest-probe"] == nil, "a guest's own header must not reach nova-metadata")
            let post = try Self.curl(ovn, guest, ["-X", "POST", "--data-binary", "pw-\(tag)", "http://169.254.169.254/openstack/2013-04-04/password"])
            #expect(post.status == 200)
            let posted = try #require(await nova.received.last)
            #expect(posted.method == "POST" && posted.body == "pw-\(tag)" && posted.headers["x-instance-id"] == instance)

            // From an address no port holds: 404, and nova-metadata is not asked.
            let before = await nova.received.count
            try Program.run("ip", ["-n", guest, "addr", "add", "10.77.0.99/24", "dev", "eth0"])
            let stranger = try Self.curl(ovn, guest, ["--interface", "10.77.0.99", "http://169.254.169.254/latest/meta-data/instance-id"])
            #expect(stranger.status == 404)
            #expect(stranger.body.contains("Instance was not found on network \(network)"))
            #expect(await nova.received.count == before)

            // Restart: the namespace and its veth are adopted, not made again, and answer again.
            let inode = NamespacePlumbing(names: names, nodeNamespace: ovn.node, ovsDatabase: "", bridge: "br-int").identity(ofNamespace: ns)
            let ifindex = ovn.exec(ns, "cat", ["/sys/class/net/\(inner)/ifindex"]).output
            agent.cancel()
            _ = await agent.result
            #expect(Self.namespaces(prefix: prefix) == [ns], "the namespace stays while the agent is down")
            agent = try await Self.start(configuration, log: log)
            #expect(Self.namespaces(prefix: prefix) == [ns])
            #expect(NamespacePlumbing(names: names, nodeNamespace: ovn.node, ovsDatabase: "", bridge: "br-int").identity(ofNamespace: ns) == inode)
            #expect(ovn.exec(ns, "cat", ["/sys/class/net/\(inner)/ifindex"]).output == ifindex)
            #expect(try ovn.vsctl(["list-ports", "br-int"]).split(separator: "\n").filter { $0 == outer }.count == 1)
            #expect(log.lines.contains { $0.contains("adopted \(ns)") })
            #expect(try Self.curl(ovn, guest, ["http://169.254.169.254/openstack/latest/meta_data.json"]).status == 200)

            // The last local instance port goes: so do the namespace, its veth and OVS port.
            try ovn.nbctl(["lsp-del", vif])
            try ovn.waitUntil("the namespace goes with the last instance port", seconds: 10) {
                Self.namespaces(prefix: prefix).isEmpty && log.lines.contains { $0.contains("removed \(ns)") }
            }
            #expect(await HostLinks.link(outer, in: ovn.node) == nil)
            #expect(try !ovn.vsctl(["list-ports", "br-int"]).contains(outer))
            #expect(log.lines.contains { $0.contains("removed \(ns)") })
            agent.cancel()
            _ = await agent.result
        }
        #expect(!log.lines.isEmpty)
        #expect(log.lines.allSatisfy { !$0.contains(secret) }, "the shared secret must never be logged")
        #expect(log.lines.contains { $0.contains("provisioned \(names.namespace(network))") })
    }

    /// Starts the agent in-process; returns once it is ready (registered, first reconcile done).
    static func start(_ configuration: MetadataAgentConfiguration, log: RecordingLog) async throws -> Task<Void, any Error> {
        let (ready, signal) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            defer { signal.finish() }
            try await MetadataAgentService(configuration: configuration)
                .run(logger: log.logger("metadata-agent"), progress: { log.record($0) }, onReady: { signal.yield() })
        }
        var iterator = ready.makeAsyncIterator()
        guard await iterator.next() != nil else {
            throw TestFailure("the agent stopped before it was ready: \(await task.result)\n\(log.lines.joined(separator: "\n"))")
        }
        return task
    }

    /// The namespaces named with `prefix-`.
    static func namespaces(prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []).filter { $0.hasPrefix(prefix + "-") }.sorted()
    }

    /// The chassis' Chassis_Private external_ids.
    static func chassisKeys(_ ovn: TestOVN) throws -> [String: String] {
        let text = try ovn.sbctl(["--bare", "--columns=external_ids", "find", "Chassis_Private", "name=\(ovn.systemID)"])
        var out: [String: String] = [:]
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            guard let eq = word.firstIndex(of: "=") else { continue }
            out[String(word[..<eq])] = String(word[word.index(after: eq)...])
        }
        return out
    }

    /// curl in the guest, retried for up to 10 s while the path through OVN comes up; (status, body).
    static func curl(_ ovn: TestOVN, _ guest: String, _ arguments: [String]) throws -> (status: Int, body: String) {
        var last = ""
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let result = ovn.exec(guest, "curl", ["-s", "-m", "3", "-w", "\n%{http_code}"] + arguments)
            last = result.output
            if result.succeeded, let code = result.output.split(separator: "\n").last.flatMap({ Int($0) }), code != 0 {
                return (code, result.output)
            }
            usleep(200_000)
        }
        throw TestFailure("curl \(arguments.joined(separator: " ")) from \(guest) got no answer: \(last)")
    }
}
