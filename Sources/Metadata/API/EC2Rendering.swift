/// The EC2 metadata of an instance as a tree: `/<version>/` and `/<version>/meta-data/…` (nova's values;
/// cirros reads `instance-id`, `public-keys`, the host names, the addresses and `placement/availability-zone`).
enum EC2Rendering {
    /// `/<version>/`: `meta-data/` and, when there is some, `user-data`.
    static func version(_ m: InstanceMetadata) -> MetadataNode {
        var entries = [MetadataNode.Entry("meta-data", metaData(m))]
        if let data = m.userData { entries.append(.init("user-data", .leaf(String(decoding: data, as: UTF8.self)))) }
        return .directory(entries)
    }

    /// `/<version>/meta-data/`.
    static func metaData(_ m: InstanceMetadata) -> MetadataNode {
        var entries: [MetadataNode.Entry] = [
            .init("ami-id", .leaf(m.amiID)),
            .init("ami-launch-index", .leaf(String(m.launchIndex))),
            .init("ami-manifest-path", .leaf("FIXME")),
            .init("block-device-mapping", .sorted([.init("ami", .leaf("vda")), .init("root", .leaf("/dev/vda"))])),
            .init("hostname", .leaf(m.fqdn)),
            .init("instance-action", .leaf("none")),
            .init("instance-id", .leaf(m.ec2InstanceID)),
            .init("instance-type", .leaf(m.flavorName)),
            .init("local-hostname", .leaf(m.fqdn)),
            .init("local-ipv4", .leaf(m.localIPv4)),
            .init("placement", .directory([.init("availability-zone", .leaf(m.availabilityZone))])),
            .init("public-hostname", .leaf(m.fqdn)),
            .init("public-ipv4", .leaf(m.publicIPv4)),
            .init("reservation-id", .leaf(m.reservationID)),
            .init("security-groups", .leaf(m.securityGroups.joined(separator: "\n"))),
        ]
        if let key = m.key {
            let keyNode = MetadataNode.directory([.init("openssh-key", .leaf(key.publicKey))])
            entries.append(.init("public-keys", .directory([.init("0", keyNode, label: "0=" + key.name)])))
        }
        return MetadataNode.sorted(entries)
    }
}
