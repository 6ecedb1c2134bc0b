import ArgumentParser
import Foundation
import Networking
import OpenStackAPI
import OVSDB

/// `ovnstack serve network`: the Networking API (Neutron v2.0 with ML2/OVN semantics) over an OVN Northbound.
struct ServeNetwork: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Serve the networking API (Neutron v2.0) and write the OVN Northbound.",
        discussion: """
            Tokens are validated against the identity service with the admin credentials.
            Example: ovnstack serve network --state-dir /var/lib/ovnstack/network --listen 127.0.0.1:9696 \
            --nb unix:/run/ovn/ovnnb_db.sock --identity-url http://127.0.0.1:5000 \
            --identity-password-file /var/lib/ovnstack/identity/admin-password --flat-network physnet1
            """
    )

    @Option(help: "Directory of the networking database.")
    var stateDir: String

    @Option(help: "host:port to listen on (port 0 picks a free port).")
    var listen: String = "127.0.0.1:9696"

    @Option(help: "OVN Northbound database: unix:<path> or tcp:<ip>:<port> (comma-separated for a cluster).")
    var nb: String

    @Option(help: "OVN Southbound database, for the gateway chassis of routers (optional).")
    var sb: String?

    @Option(help: "Identity service URL used to validate tokens.")
    var identityURL: String

    @Option(help: "File holding the password of the identity user.")
    var identityPasswordFile: String

    @Option(help: "Identity user that validates tokens.")
    var identityUser: String = "admin"

    @Option(help: "Project of the identity user.")
    var identityProject: String = "admin"

    @Option(name: .customLong("flat-network"), help: "A physical network for flat and VLAN provider networks (repeatable).")
    var flatNetworks: [String] = []

    @Option(help: "Underlay MTU; geneve networks get 58 bytes less.")
    var underlayMTU: Int = 1500

    @Option(name: .customLong("dns-server"), help: "DNS server handed out by DHCP when a subnet has none (repeatable).")
    var dnsServers: [String] = []

    @Option(help: "Seconds between full Northbound drift checks.")
    var repairInterval: Int = 60

    @Option(help: "Write this process's pid here once the API serves (removed at exit).")
    var pidfile: String?

    func run() async throws {
        guard let address = ListenAddress(parsing: listen) else { throw ValidationError("--listen must be host:port, got '\(listen)'") }
        let endpoints: [Endpoint]
        var southbound: [Endpoint] = []
        do { endpoints = try Endpoint.list(nb) } catch { throw ValidationError("--nb: \(error)") }
        if let sb { do { southbound = try Endpoint.list(sb) } catch { throw ValidationError("--sb: \(error)") } }
        guard let password = try? String(contentsOfFile: identityPasswordFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), !password.isEmpty else {
            throw ValidationError("cannot read the identity password from \(identityPasswordFile); start the identity service first")
        }
        guard underlayMTU >= 1280 else { throw ValidationError("--underlay-mtu must be at least 1280") }
        let configuration = NetworkingConfiguration(
            stateDirectory: URL(fileURLWithPath: stateDir, isDirectory: true), listen: address, northbound: endpoints, southbound: southbound,
            physicalNetworks: flatNetworks.isEmpty ? ["physnet1"] : flatNetworks, underlayMTU: underlayMTU,
            dnsServers: dnsServers.isEmpty ? ["8.8.8.8"] : dnsServers, repairInterval: .seconds(max(1, repairInterval)))
        let remote = RemoteTokenValidator(identityURL: identityURL, credentials: .init(
            userName: identityUser, password: password, projectName: identityProject))
        let service = NetworkingService(configuration: configuration, validator: CachingTokenValidator(upstream: remote))
        let pidfile = pidfile
        defer { if let pidfile { try? FileManager.default.removeItem(atPath: pidfile) } }
        let task = Task {
            try await service.run { port in
                if let pidfile { try? Data("\(getpid())\n".utf8).write(to: URL(fileURLWithPath: pidfile), options: .atomic) }
                FileHandle.standardOutput.write(Data("network: listening on http://\(address.host):\(port)\n".utf8))
            }
        }
        let signals = SignalCancellation(task: task)
        defer { signals.stop() }
        try await task.value
    }
}
