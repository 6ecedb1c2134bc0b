/// A floating IP port forwarding (`floating-ip-port-forwarding`): TCP or UDP to one port of the floating IP goes to
/// one port of an internal address, so one floating IP serves several ports. ML2/OVN writes each floating IP's
/// forwardings of a protocol as one `Load_Balancer` on its router.
struct PortForwarding: Codable, Sendable, Hashable {
    var id: String
    var floatingIPID: String
    /// `tcp` or `udp`.
    var `protocol`: String
    var internalIPAddress: String
    var internalPort: Int
    var internalPortID: String
    var externalPort: Int
    var description: String
}
