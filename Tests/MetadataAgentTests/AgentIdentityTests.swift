import Foundation
import MetadataSecret
import Testing
@testable import MetadataAgent

/// The agent's ids match what Neutron's agent computes (the literals are Python's `uuid.uuid5`), and the
/// signature is Neutron's `sign_instance_id` (Python's `hmac.new(secret, id, sha256).hexdigest()`).
struct AgentIdentityTests {
    @Test func chassisNameThatIsNoUUIDIsHashedIntoNeutronsNamespace() {
        let identity = AgentIdentity(systemID: "c1")
        #expect(identity.chassisID.uuidString.lowercased() == "e5ceaff3-cb20-5b1f-ad0f-4d157237656a")
        #expect(identity.agentID.uuidString.lowercased() == "17058d92-fafa-5a3a-adc6-c2ad4f23def9")
    }

    @Test func chassisNameThatIsAUUIDIsTakenAsIs() {
        let identity = AgentIdentity(systemID: "8d6f3c1e-2b7a-4c1d-9e0f-123456789abc")
        #expect(identity.chassisID.uuidString.lowercased() == "8d6f3c1e-2b7a-4c1d-9e0f-123456789abc")
        #expect(identity.agentID.uuidString.lowercased() == "38f4a1d8-2822-5234-9c0e-b0f5c12ad136")
    }

    @Test func signatureIsLowercaseHexHMACSHA256AndTheSecretNeverPrints() {
        let secret = SharedSecret("sekrit")
        #expect(secret.sign("inst-1") == "b199e71bbcbdf0debefd2f57ed6f53330c89a56f648bc69bdfa9c871af5f1ad0")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        var configuration = MetadataAgentConfiguration(host: "c1", nodeNamespace: nil, ovsDatabase: "unix:/x", southbound: "unix:/y",
                                                       metadataURL: "http://127.0.0.1:8775", sharedSecret: secret,
                                                       stateDirectory: URL(fileURLWithPath: "/tmp"))
        configuration.namespacePrefix = "p"
        #expect(!"\(configuration)".contains("sekrit"))
        #expect(!String(reflecting: configuration).contains("sekrit"))
    }

    @Test func namesFollowNeutronAndOnlyOurNamespacesAreRecognised() {
        let names = MetadataNames(prefix: "c1-meta")
        let net = "0b4f6a7e-91d2-4c33-8a55-6e2f1d0c9b8a"
        #expect(names.namespace(net) == "c1-meta-\(net)")
        #expect(names.nodeLink(net) == "tap0b4f6a7e-90")
        #expect(names.namespaceLink(net) == "tap0b4f6a7e-91")
        #expect(names.network(ofNamespace: "c1-meta-\(net)") == net)
        #expect(names.network(ofNamespace: "c1-meta-vm-\(net)") == nil)
        #expect(names.network(ofNamespace: "c1-metax-\(net)") == nil)
        #expect(names.network(ofNamespace: "c1-meta-\(net.uppercased())") == nil)
        #expect(MetadataNames(prefix: "ovnmeta").namespace(net) == "ovnmeta-\(net)")
        #expect(MetadataNames.network(ofDatapathName: "neutron-\(net)") == net)
        #expect(MetadataNames.network(ofDatapathName: "lr-router") == nil)
    }
}
