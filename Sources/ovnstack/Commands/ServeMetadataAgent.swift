import ArgumentParser
import Foundation
import MetadataAgent
import MetadataSecret

/// `ovnstack serve metadata-agent`: the OVN metadata agent of one node (ovnmeta namespaces, the 169.254.169.254 proxy).
struct ServeMetadataAgent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metadata-agent",
        abstract: "Run a node's OVN metadata agent: a namespace per network with a local instance, proxying 169.254.169.254.",
        discussion: """
            Registers in the chassis' Chassis_Private (neutron:ovn-metadata-id), keeps <prefix>-<network uuid> namespaces bound to \
            the networks' metadata localports, and forwards the guests' requests to nova-metadata signed with the shared secret.
            Example: ovnstack serve metadata-agent --host c1 --node-netns ovnstack-c1 --netns-prefix ovnstack-c1-meta \
            --ovs-db unix:/var/lib/ovnstack/ovnstack/c1/run/db.sock --sb unix:/var/lib/ovnstack/ovnstack/ctl/run/ovnsb_db.sock \
            --metadata-url http://127.0.0.1:8775 --shared-secret-file /var/lib/ovnstack/ovnstack/ctl/metadata-secret \
            --state-dir /var/lib/ovnstack/ovnstack/c1/metadata-agent
            """
    )

    @Option(help: "The node's host name (the chassis' hostname).")
    var host: String

    @Option(help: "The node's network namespace, where its ovs-vswitchd runs (omit: the current one).")
    var nodeNetns: String?

    @Option(help: "Prefix of the metadata namespaces' names: <prefix>-<network uuid>.")
    var netnsPrefix: String = "ovnmeta"

    @Option(help: "The node's Open_vSwitch database (unix:<path>).")
    var ovsDb: String

    @Option(help: "The OVN Southbound database (unix:<path> or tcp:<ip>:<port>, comma-separated for a cluster).")
    var sb: String

    @Option(help: "The metadata service (nova-metadata) URL.")
    var metadataURL: String = "http://127.0.0.1:8775"

    @Option(help: "File holding the secret shared with the metadata service (trimmed; never logged).")
    var sharedSecretFile: String

    @Option(help: "The agent's directory (its lock file).")
    var stateDir: String

    @Option(help: "Write this process's pid here once the agent has registered and done its first reconcile (removed at exit).")
    var pidfile: String?

    func run() async throws {
        guard !netnsPrefix.isEmpty, !netnsPrefix.contains("/") else { throw ValidationError("--netns-prefix must be a non-empty name without '/'") }
        guard metadataURL.hasPrefix("http://") || metadataURL.hasPrefix("https://") else {
            throw ValidationError("--metadata-url must be an http:// URL, got '\(metadataURL)'")
        }
        let secret: SharedSecret
        do { secret = try SharedSecret(contentsOfFile: sharedSecretFile) } catch { throw ValidationError("\(error)") }
        let configuration = MetadataAgentConfiguration(
            host: host, nodeNamespace: nodeNetns, namespacePrefix: netnsPrefix, ovsDatabase: ovsDb, southbound: sb,
            metadataURL: metadataURL, sharedSecret: secret, stateDirectory: URL(fileURLWithPath: stateDir, isDirectory: true))
        let agent = MetadataAgentService(configuration: configuration)
        let host = self.host
        try await Foreground.serve(pidfile: pidfile, line: { _ in "metadata-agent \(host): ready" }) { onReady in
            try await agent.run(progress: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }, onReady: { await onReady(80) })
        }
    }
}
