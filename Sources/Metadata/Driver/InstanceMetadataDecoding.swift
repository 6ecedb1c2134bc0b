import Foundation
import OpenStackAPI

/// The compute API's metadata body → ``InstanceMetadata``.
enum InstanceMetadataDecoding {
    /// The typed instance, nil when a required field is missing.
    static func decode(_ m: JSON) -> InstanceMetadata? {
        guard let uuid = m["uuid"]?.string, let projectID = m["project_id"]?.string else { return nil }
        var key: InstanceMetadata.Key?
        if let name = m["key_name"]?.string, let data = m["key_data"]?.string { key = .init(name: name, publicKey: data) }
        let userData = m["user_data"]?.string.flatMap { Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }.map { Array($0) }
        var meta: [String: String] = [:]
        for (k, v) in m["metadata"]?.object ?? [:] { meta[k] = v.string ?? "" }
        return InstanceMetadata(
            uuid: uuid, ec2ID: m["ec2_id"]?.int ?? 0, name: m["name"]?.string ?? "", hostname: m["hostname"]?.string ?? "",
            projectID: projectID, userID: m["user_id"]?.string ?? "", availabilityZone: m["availability_zone"]?.string ?? "nova",
            launchIndex: m["launch_index"]?.int ?? 0, reservationID: m["reservation_id"]?.string ?? "",
            flavorName: m["flavor"]?["name"]?.string ?? "", imageID: m["image_id"]?.string ?? "", key: key, userData: userData,
            metadata: meta, securityGroups: (m["security_groups"]?.array ?? []).compactMap(\.string),
            createdAt: m["created_at"]?.string ?? "", password: m["password"]?.string ?? "",
            ports: (m["ports"]?.array ?? []).map(port))
    }

    static func port(_ p: JSON) -> InstanceMetadata.Port {
        InstanceMetadata.Port(
            id: p["id"]?.string, mac: p["mac_address"]?.string ?? "", networkID: p["network_id"]?.string, mtu: p["mtu"]?.int,
            fixedIPs: (p["fixed_ips"]?.array ?? []).compactMap(fixedIP), floatingIPs: (p["floating_ips"]?.array ?? []).compactMap(\.string))
    }

    static func fixedIP(_ f: JSON) -> InstanceMetadata.FixedIP? {
        guard let address = f["ip_address"]?.string else { return nil }
        let routes = (f["host_routes"]?.array ?? []).compactMap { r -> (destination: String, nextHop: String)? in
            guard let d = r["destination"]?.string, let n = r["nexthop"]?.string else { return nil }
            return (d, n)
        }
        return InstanceMetadata.FixedIP(
            address: address, version: f["ip_version"]?.int ?? (address.contains(":") ? 6 : 4), cidr: f["cidr"]?.string,
            gateway: f["gateway_ip"]?.string, dhcp: f["enable_dhcp"]?.bool ?? true,
            dnsServers: (f["dns_nameservers"]?.array ?? []).compactMap(\.string), hostRoutes: routes)
    }
}
