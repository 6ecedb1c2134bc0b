import Crypto
import Foundation

/// The proof the metadata agent attaches to every forwarded request: lowercase hex HMAC-SHA256 of the instance
/// id keyed with the shared secret (`X-Instance-ID-Signature`, as Neutron's `sign_instance_id` computes it).
struct InstanceSignature: Sendable {
    /// The key's bytes (a `SymmetricKey` is made per call: it is not `Sendable`).
    private let secret: [UInt8]

    /// A signer with the secret (the secret file's content, trimmed).
    init(secret: String) {
        self.secret = Array(secret.utf8)
    }

    /// The signature of `instanceID`.
    func sign(_ instanceID: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(instanceID.utf8), using: SymmetricKey(data: secret)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `signature` is the one of `instanceID`, compared in constant time (length aside).
    func verify(_ signature: String, for instanceID: String) -> Bool {
        let expected = Array(sign(instanceID).utf8), given = Array(signature.utf8)
        guard !given.isEmpty, expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }
}
