import Foundation

/// The values nova-metadata derives from an instance, decided once here for both renderings.
extension InstanceMetadata {
    /// nova's default `dhcp_domain`.
    static let domain = "novalocal"

    /// `i-%08x` of the stable integer id (cirros waits for the `i-` prefix).
    var ec2InstanceID: String { String(format: "i-%08x", ec2ID) }

    /// `ami-%08x` from the image UUID's first 32 bits (nova maps image UUIDs to EC2 integers the same way: stably).
    var amiID: String {
        String(format: "ami-%08x", Int(imageID.replacingOccurrences(of: "-", with: "").prefix(8), radix: 16) ?? 0)
    }

    /// `<hostname>.novalocal`.
    var fqdn: String { hostname + "." + Self.domain }

    /// The first fixed IPv4 address ("" when none).
    var localIPv4: String {
        ports.lazy.flatMap(\.fixedIPs).first { $0.version == 4 }?.address ?? ""
    }

    /// The first floating IP ("" when none).
    var publicIPv4: String { ports.lazy.flatMap(\.floatingIPs).first ?? "" }

    /// The largest password a guest may post: 4 × 255 bytes (nova stores it in four system-metadata chunks).
    static let maxPasswordBytes = 1020
}
