/// The instance behind a guest's request, as Neutron's metadata proxy finds it: the port on the request's
/// network, bound to some chassis, whose `mac` entries hold the request's source address.
public struct InstanceIdentity: Sendable, Hashable {
    /// The instance (the port's `neutron:device_id`): `X-Instance-ID`.
    public let instanceID: String
    /// Its project (the port's `neutron:project_id`): `X-Tenant-ID`.
    public let projectID: String

    /// An identity from its parts.
    public init(instanceID: String, projectID: String) {
        self.instanceID = instanceID
        self.projectID = projectID
    }
}

/// Finds the instance that sent a request.
public enum InstanceLookup {
    /// The instance of `address` on `network`: exactly one bound port must hold it (none or several → nil, which
    /// the proxy answers with 404). An IPv4-mapped IPv6 address counts as its IPv4 address.
    public static func find(address: String, network: String, in view: SouthboundView) -> InstanceIdentity? {
        let ip = address.hasPrefix("::ffff:") && address.contains(".") ? String(address.dropFirst(7)) : address
        let matches = view.ports(ofNetwork: network).filter { port in
            port.chassis != nil && PortAddresses.entries(of: port).contains { $0.ips.contains(ip) }
        }
        guard matches.count == 1, let port = matches.first, let device = port.externalIDs["neutron:device_id"], !device.isEmpty else {
            return nil
        }
        return InstanceIdentity(instanceID: device, projectID: port.externalIDs["neutron:project_id"] ?? "")
    }
}
