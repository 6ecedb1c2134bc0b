import Foundation
import OpenStackAPI
import OpenStackAPITesting
import Testing

/// The metadata service over HTTP: the real `ovnstack serve metadata` in front of the real compute API.
@Suite("Metadata service", .serialized)
struct MetadataServiceTests {
    @Test("missing headers 400, bad signature 403, wrong project or unknown instance 404; the secret never leaks")
    func requestIdentity() async throws {
        try await withMetadataCloud { cloud in
            var answers: [APIResponse] = []
            let path = "/latest/meta-data/instance-id"
            let full = cloud.headers()
            for dropped in 0..<3 {
                var headers = full
                headers.remove(at: dropped)
                let r = try await cloud.service.get(path, headers: headers)
                #expect(r.status == 400, "without \(full[dropped].0): \(r)")
                answers.append(r)
            }
            let duplicated = try await cloud.service.get(path, headers: full + [full[0]])
            #expect(duplicated.status == 400, "\(duplicated)")
            let forged = try await cloud.service.get(path, headers: cloud.headers(secret: "not-the-secret"))
            #expect(forged.status == 403 && forged.text.contains("Invalid proxy request signature."), "\(forged)")
            var empty = full
            empty[2] = ("X-Instance-ID-Signature", String(repeating: "0", count: 64))
            let zeros = try await cloud.service.get(path, headers: empty)
            #expect(zeros.status == 403, "\(zeros)")
            let wrongProject = try await cloud.service.get(path, headers: cloud.headers(project: "another-project"))
            #expect(wrongProject.status == 404, "\(wrongProject)")
            let unknown = try await cloud.service.get(path, headers: cloud.headers(instance: UUID().uuidString.lowercased()))
            #expect(unknown.status == 404, "\(unknown)")
            let good = try await cloud.guestGet(path)
            #expect(good.status == 200, "\(good)")
            answers += [duplicated, forged, zeros, wrongProject, unknown, good]
            for answer in answers {
                #expect(!answer.text.contains(cloud.secret) && !answer.headers.contains { $0.value.contains(cloud.secret) })
            }
            #expect(!cloud.metadata.log.contains(cloud.secret) && !cloud.compute.log.contains(cloud.secret))
            let versions = try await cloud.service.get("/")
            #expect(versions.status == 200 && versions.text.hasPrefix("1.0\n2007-01-19") && versions.text.hasSuffix("2009-04-04\nlatest"))
        }
    }

    @Test("EC2: instance-id i-…, host names, public keys, addresses, user-data; listings without trailing newline")
    func ec2() async throws {
        try await withMetadataCloud { cloud in
            let id = try await cloud.guestGet("/2009-04-04/meta-data/instance-id")
            #expect(id.status == 200 && id.text.hasPrefix("i-") && id.text.count == 10, "\(id)")
            #expect(id.text == "i-" + cloud.serverID.prefix(8))
            let listing = try await cloud.guestGet("/latest/meta-data/")
            let keys = listing.text.split(separator: "\n").map(String.init)
            #expect(keys.contains("instance-id") && keys.contains("public-keys/") && keys.contains("placement/") && keys == keys.sorted(), "\(listing)")
            #expect(!listing.text.hasSuffix("\n"))
            #expect(try await cloud.guestGet("/latest/meta-data/hostname").text == "vm1.novalocal")
            #expect(try await cloud.guestGet("/latest/meta-data/local-hostname").text == "vm1.novalocal")
            #expect(try await cloud.guestGet("/latest/meta-data/public-keys/").text == "0=k1")
            #expect(try await cloud.guestGet("/latest/meta-data/public-keys/0/").text == "openssh-key")
            let key = try await cloud.guestGet("/2009-04-04/meta-data/public-keys/0/openssh-key")
            #expect(key.status == 200 && key.text == cloud.publicKey, "\(key)")
            #expect(try await cloud.guestGet("/latest/meta-data/placement/availability-zone").text == "nova")
            #expect(try await cloud.guestGet("/latest/meta-data/instance-type").text == "m1.tiny")
            let local = try await cloud.guestGet("/latest/meta-data/local-ipv4")
            #expect(local.text.hasPrefix("10.0.0.") && !local.text.hasSuffix("\n"), "\(local)")
            #expect(try await cloud.guestGet("/latest/meta-data/public-ipv4").text == "")
            #expect(try await cloud.guestGet("/latest/meta-data/reservation-id").text.hasPrefix("r-"))
            let user = try await cloud.guestGet("/2009-04-04/user-data")
            #expect(user.status == 200 && user.text == InstanceBuilder.userData, "\(user)")
            #expect(try await cloud.guestGet("/latest/").text == "meta-data/\nuser-data")
            #expect(try await cloud.guestGet("/latest/meta-data/no-such-key").status == 404)
            #expect(try await cloud.guestGet("/1999-01-01/meta-data/instance-id").status == 404)
        }
    }

    @Test("OpenStack: versions, listing, meta_data.json, network_data.json, vendor data, user_data")
    func openStack() async throws {
        try await withMetadataCloud { cloud in
            let versions = try await cloud.guestGet("/openstack")
            #expect(versions.text.hasPrefix("2012-08-10\n") && versions.text.hasSuffix("2025-04-04\nlatest"), "\(versions)")
            let old = try await cloud.guestGet("/openstack/2012-08-10")
            #expect(old.text == "meta_data.json\nuser_data", "\(old)")
            let latest = try await cloud.guestGet("/openstack/latest/")
            #expect(latest.text == "meta_data.json\nuser_data\npassword\nvendor_data.json\nnetwork_data.json\nvendor_data2.json", "\(latest)")
            let meta = try await cloud.guestGet("/openstack/latest/meta_data.json")
            #expect(meta.status == 200 && meta.header("Content-Type")?.hasPrefix("application/json") == true, "\(meta)")
            let m = meta.json
            #expect(m["uuid"]?.string == cloud.serverID && m["name"]?.string == "vm1" && m["project_id"]?.string == cloud.demoProjectID)
            #expect(m["hostname"]?.string == "vm1.novalocal" && m["availability_zone"]?.string == "nova" && m["launch_index"]?.int == 0)
            #expect(m["public_keys"]?["k1"]?.string == cloud.publicKey)
            #expect(m["keys"]?.array?.first?["data"]?.string == cloud.publicKey && m["keys"]?.array?.first?["type"]?.string == "ssh")
            #expect(m["meta"]?["meta1"]?.string == "data1" && m["meta"]?["meta2"]?.string == "data2")
            #expect(Data(base64Encoded: m["random_seed"]?.string ?? "")?.count == 512)
            let older = try await cloud.guestGet("/openstack/2013-04-04/meta_data.json").json
            #expect(older["project_id"] == nil && older["uuid"]?.string == cloud.serverID)
            let network = try await cloud.guestGet("/openstack/latest/network_data.json").json
            let link = network["links"]?.array?.first
            #expect(link?["vif_id"]?.string == cloud.portID && link?["type"]?.string == "ovs" && link?["id"]?.string == "tap" + cloud.portID.prefix(11))
            #expect(link?["ethernet_mac_address"]?.string?.count == 17, "\(network)")
            let net0 = network["networks"]?.array?.first
            #expect(net0?["type"]?.string == "ipv4_dhcp" && net0?["network_id"]?.string == cloud.networkID, "\(network)")
            #expect(network["services"]?.array?.first?["address"]?.string == "10.0.0.53", "\(network)")
            #expect(try await cloud.guestGet("/openstack/latest/vendor_data.json").json == [:])
            #expect(try await cloud.guestGet("/openstack/latest/vendor_data2.json").json == ["static": [:]])
            #expect(try await cloud.guestGet("/openstack/latest/user_data").text == InstanceBuilder.userData)
            #expect(try await cloud.guestGet("/openstack/2012-08-10/password").status == 404)
            #expect(try await cloud.guestGet("/openstack/2099-01-01/meta_data.json").status == 404)
        }
    }

    @Test("password: 1021 bytes 400, POST once shows in os-server-password and metadata at once, a second POST 409")
    func password() async throws {
        try await withMetadataCloud { cloud in
            let path = "/openstack/2013-10-17/password"
            #expect(try await cloud.guestGet(path).text == "", "empty before any post")
            let tooLong = try await cloud.guestPost(path, String(repeating: "x", count: 1021))
            #expect(tooLong.status == 400, "\(tooLong)")
            let password = String((0..<100).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
            let posted = try await cloud.guestPost(path, password)
            #expect(posted.status == 200, "\(posted)")
            let shown = try await cloud.compute.client.get("/v2.1/servers/\(cloud.serverID)/os-server-password", token: cloud.demoToken)
            #expect(shown.status == 200 && shown.json["password"]?.string == password, "\(shown)")
            #expect(try await cloud.guestGet(path).text == password, "the cache must not hide a post")
            let again = try await cloud.guestPost(path, "another")
            #expect(again.status == 409, "\(again)")
            let elsewhere = try await cloud.guestPost("/latest/meta-data/instance-id", "x")
            #expect(elsewhere.status == 405, "\(elsewhere)")
            #expect(!cloud.metadata.log.contains(cloud.secret))
        }
    }
}
