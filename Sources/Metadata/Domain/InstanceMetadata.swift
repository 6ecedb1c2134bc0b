import Foundation

/// One instance as the metadata service renders it: what the compute API answers on
/// `GET /internal/v1/instances/{id}/metadata`, typed.
public struct InstanceMetadata: Sendable, Equatable {
    /// The instance UUID.
    public var uuid: String
    /// The stable integer behind EC2's `i-%08x`.
    public var ec2ID: Int
    /// The display name.
    public var name: String
    /// The sanitized host name, without a domain.
    public var hostname: String
    /// The owning project.
    public var projectID: String
    /// The user who created it.
    public var userID: String
    /// Its availability zone.
    public var availabilityZone: String
    /// Its index in a multi-create.
    public var launchIndex: Int
    /// `r-xxxxxxxx` of its create request.
    public var reservationID: String
    /// The flavor's name (EC2 `instance-type`).
    public var flavorName: String
    /// The image it was booted from.
    public var imageID: String
    /// The keypair's name and public key, when it has one.
    public var key: Key?
    /// The decoded user data, when it has some.
    public var userData: [UInt8]?
    /// Server metadata (`meta`).
    public var metadata: [String: String]
    /// Security group names.
    public var securityGroups: [String]
    /// Creation time as ISO 8601.
    public var createdAt: String
    /// The password the guest posted ("" when none).
    public var password: String
    /// The ports, in the compute API's order.
    public var ports: [Port]

    /// A keypair as the guest sees it.
    public struct Key: Sendable, Equatable {
        /// The keypair name.
        public var name: String
        /// The OpenSSH public key line.
        public var publicKey: String
    }

    /// A port of the instance with its addresses.
    public struct Port: Sendable, Equatable {
        /// The Networking port id (nil when only the info cache was available).
        public var id: String?
        /// The MAC address.
        public var mac: String
        /// The network id.
        public var networkID: String?
        /// The network's MTU.
        public var mtu: Int?
        /// The fixed IPs with their subnets.
        public var fixedIPs: [FixedIP]
        /// The floating IPs associated to it.
        public var floatingIPs: [String]
    }

    /// A fixed IP and what its subnet says.
    public struct FixedIP: Sendable, Equatable {
        /// The address.
        public var address: String
        /// 4 or 6.
        public var version: Int
        /// The subnet's CIDR (nil when unknown).
        public var cidr: String?
        /// The subnet's gateway.
        public var gateway: String?
        /// Whether the subnet has DHCP.
        public var dhcp: Bool
        /// The subnet's DNS servers.
        public var dnsServers: [String]
        /// The subnet's host routes as (destination CIDR, next hop).
        public var hostRoutes: [(destination: String, nextHop: String)]

        public static func == (a: FixedIP, b: FixedIP) -> Bool {
            a.address == b.address && a.version == b.version && a.cidr == b.cidr && a.gateway == b.gateway && a.dhcp == b.dhcp
                && a.dnsServers == b.dnsServers && a.hostRoutes.map { [$0.destination, $0.nextHop] } == b.hostRoutes.map { [$0.destination, $0.nextHop] }
        }
    }
}
