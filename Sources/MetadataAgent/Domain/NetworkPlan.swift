public import struct Foundation.UUID
import Addressing
public import OVNModel

/// How one network's metadata namespace must look on this node: the localport it stands for (its logical port
/// is the veth's `iface-id`), the MAC, the addresses of `tap…1` and the MTU of both veth ends.
public struct NetworkPlan: Sendable, Hashable {
    /// The Neutron network.
    public var networkID: String
    /// The network's SB datapath.
    public var datapath: UUID
    /// The metadata port's logical port (= its Neutron port id).
    public var metadataPort: String
    /// The metadata port's MAC.
    public var mac: String
    /// The addresses of the namespace side, sorted: the metadata port's CIDRs in subnets where a local VIF has
    /// an address, and 169.254.169.254/32.
    public var addresses: [String]
    /// The MTU of both veth ends.
    public var mtu: Int
}

/// Which networks need a metadata namespace on this node, as the OVN metadata agent decides it: those with a
/// VIF (Port_Binding type "") bound to this chassis (or additionally bound to it) that has an IPv4 address,
/// and with a metadata localport (`neutron:device_owner=network:distributed`) that has a MAC.
public enum MetadataPlan {
    /// The metadata address every namespace holds and listens on.
    public static let metadataAddress = "169.254.169.254"
    /// The MTU when no local VIF's interface says one (the kernel's default for a veth).
    public static let defaultMTU = 1500

    /// The plan of every network this node must serve, by network id.
    public static func networks(_ view: SouthboundView) -> [String: NetworkPlan] {
        guard let chassis = view.chassis else { return [:] }
        var plans: [String: NetworkPlan] = [:]
        for (network, datapath) in view.datapathByNetwork {
            let ports = view.portsByDatapath[datapath] ?? []
            let vifs = ports.filter { $0.type == "" && ($0.chassis == chassis || $0.additionalChassis.contains(chassis)) }
            let vifIPs = vifs.flatMap { PortAddresses.entries(of: $0).flatMap(\.ips) }.compactMap { IPAddress($0) }
            guard vifIPs.contains(where: { $0.version == 4 }),
                  let port = metadataPort(in: ports), let mac = PortAddresses.entries(of: port).first?.mac else { continue }
            let cidrs = (port.externalIDs["neutron:cidrs"] ?? "").split(separator: " ").map(String.init).filter { cidr in
                guard let subnet = IPNetwork(cidr, strict: false) else { return false }
                return vifIPs.contains { subnet.contains($0) }
            }
            let mtus = vifs.compactMap { view.interfaceMTUs[$0.logicalPort] }.filter { $0 > 0 }
            plans[network] = NetworkPlan(networkID: network, datapath: datapath, metadataPort: port.logicalPort, mac: mac,
                                         addresses: (Set(cidrs).sorted() + ["\(metadataAddress)/32"]), mtu: mtus.min() ?? defaultMTU)
        }
        return plans
    }

    /// The network's metadata port: a localport owned by `network:distributed` (the first by name if several).
    static func metadataPort(in ports: [SB.PortBinding]) -> SB.PortBinding? {
        ports.filter { $0.type == "localport" && $0.externalIDs["neutron:device_owner"] == "network:distributed" }
            .min { $0.logicalPort < $1.logicalPort }
    }
}
