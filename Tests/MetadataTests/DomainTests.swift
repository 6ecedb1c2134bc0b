import Foundation
import MetadataSecret
import OpenStackAPI
import Testing
@testable import Metadata

/// The signature rule, the metadata tree and the rendering decisions, without a network.
@Suite("Metadata domain")
struct MetadataDomainTests {
    @Test("the signature is HMAC-SHA256 in lowercase hex (a published test vector) and verification rejects near misses")
    func signature() {
        let signer = SharedSecret("key")
        let expected = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        #expect(signer.sign("The quick brown fox jumps over the lazy dog") == expected)
        #expect(signer.verify(expected, for: "The quick brown fox jumps over the lazy dog"))
        #expect(!signer.verify(expected.uppercased(), for: "The quick brown fox jumps over the lazy dog"))
        #expect(!signer.verify(String(expected.dropLast()), for: "The quick brown fox jumps over the lazy dog"))
        #expect(!signer.verify("", for: "x"))
        #expect(!SharedSecret("other").verify(expected, for: "The quick brown fox jumps over the lazy dog"))
    }

    static func sample(key: Bool = true, floating: [String] = []) -> InstanceMetadata {
        InstanceMetadata(
            uuid: "0a1b2c3d-0000-4000-8000-000000000001", ec2ID: 0x0a1b2c3d, name: "Vm One", hostname: "vm-one", projectID: "p1",
            userID: "u1", availabilityZone: "nova", launchIndex: 0, reservationID: "r-12345678", flavorName: "m1.tiny",
            imageID: "deadbeef-0000-4000-8000-000000000002", key: key ? .init(name: "k1", publicKey: "ssh-ed25519 AAAA k1") : nil,
            userData: nil, metadata: [:], securityGroups: ["default", "web"], createdAt: "2026-01-01T00:00:00Z", password: "",
            ports: [.init(id: "11111111-2222-3333-4444-555555555555", mac: "fa:16:3e:00:00:01", networkID: "n1", mtu: 1442,
                          fixedIPs: [.init(address: "10.0.0.9", version: 4, cidr: "10.0.0.0/24", gateway: "10.0.0.1", dhcp: false,
                                           dnsServers: ["10.0.0.53"], hostRoutes: [("192.168.0.0/16", "10.0.0.254")])],
                          floatingIPs: floating)])
    }

    @Test("EC2 tree: ids, names, keys listing label, security groups; lookups and listings")
    func ec2Tree() {
        let tree = EC2Rendering.version(Self.sample(floating: ["203.0.113.7"]))
        #expect(tree.lookup(["meta-data", "instance-id"])?.text == "i-0a1b2c3d")
        #expect(tree.lookup(["meta-data", "ami-id"])?.text == "ami-deadbeef")
        #expect(tree.lookup(["meta-data", "hostname"])?.text == "vm-one.novalocal")
        #expect(tree.lookup(["meta-data", "public-ipv4"])?.text == "203.0.113.7")
        #expect(tree.lookup(["meta-data", "local-ipv4"])?.text == "10.0.0.9")
        #expect(tree.lookup(["meta-data", "security-groups"])?.text == "default\nweb")
        #expect(tree.lookup(["meta-data", "public-keys"])?.text == "0=k1")
        #expect(tree.lookup(["meta-data", "public-keys", "0", "openssh-key"])?.text == "ssh-ed25519 AAAA k1")
        #expect(tree.lookup(["meta-data", "nothing"]) == nil)
        #expect(tree.text == "meta-data/", "no user data, no user-data entry")
        let keyless = EC2Rendering.metaData(Self.sample(key: false))
        #expect(keyless.lookup(["public-keys"]) == nil)
    }

    @Test("OpenStack files per version; static network_data with netmask, default and host routes")
    func openStack() {
        #expect(MetadataVersions.openStackFiles("2012-08-10", hasUserData: false) == ["meta_data.json"])
        #expect(MetadataVersions.openStackFiles("2015-10-15", hasUserData: true) ==
                ["meta_data.json", "user_data", "password", "vendor_data.json", "network_data.json"])
        #expect(!MetadataVersions.isOpenStack("2014-01-01") && MetadataVersions.isOpenStack("latest"))
        let data = NetworkDataRendering.networkData(Self.sample())
        let network = data["networks"]?.array?.first
        #expect(network?["type"]?.string == "ipv4" && network?["netmask"]?.string == "255.255.255.0")
        #expect(network?["routes"]?.array?.count == 2)
        #expect(network?["routes"]?.array?.last?["netmask"]?.string == "255.255.0.0")
        #expect(data["links"]?.array?.first?["mtu"]?.int == 1442)
        #expect(data["links"]?.array?.first?["id"]?.string == "tap11111111-22")
        let meta = OpenStackRendering.metaData(Self.sample(), version: "2012-08-10")
        #expect(meta["random_seed"] == nil && meta["project_id"] == nil && meta["meta"] == nil && meta["name"]?.string == "Vm One")
    }
}
