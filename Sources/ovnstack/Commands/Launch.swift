import ArgumentParser
import Deploy
import Foundation
import OpenStackAPI
import ProgramRunner

/// `ovnstack launch`: the seed's end goal in one command, like `sunbeam launch` — as the demo user, a key,
/// ICMP and SSH allowed, the demo network, a server, a floating IP, and a wait until ssh answers through it.
struct Launch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Boot a server with a floating IP and wait until it answers ssh from outside.",
        discussion: "Then: ovnstack ssh [--name CLUSTER] SERVER [COMMAND…]")

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "Server name (kept if it exists).")
    var server = "demo-vm"

    @Option(help: "Image name or id.")
    var image = "cirros"

    @Option(help: "Flavor name or id.")
    var flavor = "m1.tiny"

    @Option(help: "Network name or id.")
    var network = "demo-net"

    @Option(help: "Seconds to wait for each step.")
    var timeout = 120

    func run() async throws {
        let total = ContinuousClock.now
        let session = try await step("demo session") { try await DemoSession.open(cluster) }
        let steps = LaunchSteps(session: session, timeout: .seconds(timeout))
        let key = try await step("keypair launch-key (ed25519, \(session.keyFile))") { try await steps.ensureKeypair() }
        try await step("security group default: ICMP and SSH in") { try await steps.allowPingAndSSH() }
        let net = try await step("network \(network)") { try await CloudNetworks(layout: session.layout).ensure(); return try await steps.networkID(network) }
        var server = try await step("server \(self.server) (\(image), \(flavor))") {
            try await steps.boot(name: self.server, image: image, flavor: flavor, network: net, key: key)
        }
        let id = server["id"]?.string ?? ""
        server = try await step("ACTIVE") { try await steps.waitActive(id) }
        let fip = try await step("floating IP on public") { try await steps.floatingIP(for: id, server: server) }
        try await step("\(fip) in the server's addresses") { try await steps.waitAddress(id, fip) }
        try await step("ssh (port 22) answering at \(fip) from \(session.externalNamespace)") { try await steps.waitSSH(fip) }
        say(String(format: "launched %@ in %.2f s", self.server, Self.seconds(ContinuousClock.now - total)))
        let name = cluster.name == "ovnstack" ? "" : " --name \(cluster.name)"
        say("reach it with: ovnstack ssh\(name)\(cluster.stateDir.map { " --state-dir \($0)" } ?? "") \(self.server)")
    }

    /// Runs one step, printing its name and time (or its failure).
    private func step<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        do {
            let value = try await body()
            say("  " + name.padding(toLength: max(62, name.count + 1), withPad: " ", startingAt: 0)
                + String(format: "%6.2fs", Self.seconds(ContinuousClock.now - start)))
            return value
        } catch {
            say("  \(name): FAILED")
            throw error
        }
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}
