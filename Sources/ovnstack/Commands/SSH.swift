import ArgumentParser
import Deploy
import Foundation

/// `ovnstack ssh SERVER [COMMAND…]`: logs in to a server through its floating IP from the outside world's
/// namespace, with the key `launch` made (the real OpenSSH client, replacing this process).
struct SSH: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ssh", abstract: "ssh into a server through its floating IP, from the `ext` namespace.")

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "User to log in as.")
    var user = "cirros"

    @Option(name: .shortAndLong, help: "Private key (default: the one `ovnstack launch` made).")
    var identity: String?

    @Argument(help: "Server name or id.")
    var server: String

    @Argument(parsing: .captureForPassthrough, help: "Command to run (default: a login shell).")
    var command: [String] = []

    func run() async throws {
        let session = try await DemoSession.open(cluster)
        guard let found = try await session.server(named: server) else { throw ValidationError("no server \(server) in the demo project") }
        guard let address = DemoSession.floatingIP(found) else {
            throw ValidationError("server \(server) has no floating IP: `openstack floating ip create public` and `openstack server add floating ip \(server) <ip>`, or `ovnstack launch \(server)`")
        }
        let key = identity ?? session.keyFile
        guard FileManager.default.fileExists(atPath: key) else { throw ValidationError("no key at \(key): run `ovnstack launch` or pass --identity") }
        Spawn.exec("ip", ["netns", "exec", session.externalNamespace, "ssh", "-i", key, "-o", "StrictHostKeyChecking=no",
                          "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10", "\(user)@\(address)"] + command)
    }
}

/// `ovnstack exec-ext COMMAND…`: runs a command in the outside world's namespace (where floating IPs are reached).
struct ExecExt: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exec-ext", abstract: "Run a command in the `ext` namespace (the outside world).")

    @OptionGroup var cluster: ClusterOptions

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.")
    var command: [String]

    func run() throws {
        guard !command.isEmpty else { throw ValidationError("give a command, e.g. ovnstack exec-ext ping -c1 203.0.113.10") }
        guard let state = try ClusterState.load(cluster.layout) else { throw ValidationError("cluster \(cluster.name) is not up; run `ovnstack up`") }
        Spawn.exec("ip", ["netns", "exec", state.names.externalNetns] + command)
    }
}
