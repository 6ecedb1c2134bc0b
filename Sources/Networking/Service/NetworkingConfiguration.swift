public import Foundation
public import OpenStackAPI
public import OVSDB

/// How the networking service is set up (the ML2/OVN options of the reference deployment).
public struct NetworkingConfiguration: Sendable {
    public var stateDirectory: URL
    public var listen: ListenAddress
    /// The OVN Northbound database.
    public var northbound: [Endpoint]
    /// The OVN Southbound database (for the gateway chassis); empty: routers get no gateway chassis.
    public var southbound: [Endpoint]
    /// Physical networks that may carry flat (and VLAN) provider networks (`[ml2_type_flat] flat_networks`).
    public var physicalNetworks: [String]
    /// The underlay MTU; geneve networks get it minus the 38-byte geneve header budget and the 20-byte IPv4 header.
    public var underlayMTU: Int
    /// `[ovn] dns_servers`.
    public var dnsServers: [String]
    /// `[ml2_type_geneve] vni_ranges`.
    public var vniRange: ClosedRange<Int>
    /// Time between full Northbound drift checks.
    public var repairInterval: Duration
    /// How long an API call waits for its Northbound write before answering anyway (the database has
    /// it; the repair pass finishes the write once the Northbound answers again).
    public var nbWriteTimeout: Duration
    /// `[DEFAULT] agent_down_time`: an agent that has not caught up with a liveness check for this long is dead.
    public var agentDownTime: TimeInterval = 75
    /// `[DEFAULT] dns_domain`: DHCP's `domain_name`; any other than `openstacklocal.` makes ports' `dns_name` their names.
    public var dnsDomain = "openstacklocal."
    /// Where Compute's API is (`[nova]` in neutron.conf), to tell it of port events; nil: nobody is told.
    public var computeURL: String?

    public init(stateDirectory: URL, listen: ListenAddress, northbound: [Endpoint], southbound: [Endpoint] = [], physicalNetworks: [String] = ["physnet1"],
                underlayMTU: Int = 1500, dnsServers: [String] = ["8.8.8.8"], vniRange: ClosedRange<Int> = 1...65536,
                repairInterval: Duration = .seconds(60), nbWriteTimeout: Duration = .seconds(5)) {
        self.stateDirectory = stateDirectory
        self.listen = listen
        self.northbound = northbound
        self.southbound = southbound
        self.physicalNetworks = physicalNetworks
        self.underlayMTU = underlayMTU
        self.dnsServers = dnsServers
        self.vniRange = vniRange
        self.repairInterval = repairInterval
        self.nbWriteTimeout = nbWriteTimeout
    }

    /// Checks a DNS domain as Neutron checks `dns_domain` (an FQDN of valid labels); throws a description of the fault.
    public static func checkDNSDomain(_ domain: String) throws {
        try DNSNames.checkDomain(domain)
    }

    /// The MTU of a geneve network: `max_header_size = 38` plus the outer IPv4 header.
    public var geneveMTU: Int { underlayMTU - 38 - 20 }
}
