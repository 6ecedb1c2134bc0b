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

    @OptionGroup var identity: IdentityOptions

    @Option(name: .customLong("flat-network"), help: "A physical network for flat and VLAN provider networks (repeatable).")
    var flatNetworks: [String] = []

    @Option(help: "Underlay MTU; geneve networks get 58 bytes less.")
    var underlayMTU: Int = 1500

    @Option(name: .customLong("dns-server"), help: "DNS server handed out by DHCP when a subnet has none (repeatable).")
    var dnsServers: [String] = []

    @Option(help: "Seconds between full Northbound drift checks.")
    var repairInterval: Int = 60

    @Option(help: "Seconds after which an agent that has not answered a liveness check is shown dead (agent_down_time).")
    var agentDownTime: Int = 75

    @Option(help: "The DNS domain of port names (dns_domain): DHCP's domain_name, and with any other than openstacklocal. ports' dns_name names their addresses.")
    var dnsDomain: String = "openstacklocal."

    @Option(help: "Compute API URL (e.g. http://127.0.0.1:8774/v2.1) told of port events (network-vif-plugged, network-changed).")
    var computeURL: String?

    @Option(help: "Write this process's pid here once the API serves (removed at exit).")
    var pidfile: String?

    func run() async throws {
        guard let address = ListenAddress(parsing: listen) else { throw ValidationError("--listen must be host:port, got '\(listen)'") }
        let endpoints: [Endpoint]
        var southbound: [Endpoint] = []
        do { endpoints = try Endpoint.list(nb) } catch { throw ValidationError("--nb: \(error)") }
        if let sb { do { southbound = try Endpoint.list(sb) } catch { throw ValidationError("--sb: \(error)") } }
        guard underlayMTU >= 1280 else { throw ValidationError("--underlay-mtu must be at least 1280") }
        guard agentDownTime >= 1 else { throw ValidationError("--agent-down-time must be at least 1 second") }
        guard (try? NetworkingConfiguration.checkDNSDomain(dnsDomain)) != nil else {
            throw ValidationError("--dns-domain must be a domain ending in a dot, like example.org., got '\(dnsDomain)'")
        }
        let configuration = NetworkingConfiguration(
            stateDirectory: URL(fileURLWithPath: stateDir, isDirectory: true), listen: address, northbound: endpoints, southbound: southbound,
            physicalNetworks: flatNetworks.isEmpty ? ["physnet1"] : flatNetworks, underlayMTU: underlayMTU,
            dnsServers: dnsServers.isEmpty ? ["8.8.8.8"] : dnsServers, repairInterval: .seconds(max(1, repairInterval)))
        var settings = configuration
        settings.computeURL = computeURL
        settings.agentDownTime = TimeInterval(agentDownTime)
        settings.dnsDomain = dnsDomain.lowercased()
        let service = NetworkingService(configuration: settings, validator: try identity.validator(),
                                        serviceToken: computeURL == nil ? nil : try identity.serviceToken())
        try await Foreground.serve(pidfile: pidfile, line: { "network: listening on http://\(address.host):\($0)" }) { onReady in
            try await service.run(onReady: onReady)
        }
    }
}
