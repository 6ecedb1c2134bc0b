/// `POST /v2.0/floatingips/{id}/port_forwardings` and `PUT …/{pf_id}`, typed: a create needs all but
/// `internal_ip_address` (the port's first IPv4 address by default) and `description`.
struct PortForwardingRequest: Sendable, Equatable {
    var `protocol`: String?
    var internalIPAddress: String?
    var internalPort: Int?
    var internalPortID: String?
    var externalPort: Int?
    var description: String?
}
