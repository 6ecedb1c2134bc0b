/// An SSH keypair of one user: the public key Nova hands to the guest, and its MD5 fingerprint.
struct Keypair: Codable, Sendable, Equatable {
    var id: Int
    var name: String
    var userID: String
    var publicKey: String
    var fingerprint: String
    /// `ssh` (or `x509`, never produced here).
    var type: String = "ssh"
    var createdAt: Double
}

/// A keypair create: an imported public key, or nil to have one generated.
struct KeypairCreate: Sendable {
    var name: String
    var publicKey: String?
    var userID: String?
}

/// What a keypair create returns: the keypair and, when generated, its private key.
struct CreatedKeypair: Sendable {
    var keypair: Keypair
    var privateKey: String?
}

/// Nova's keypair name rule: 1-255 characters of letters, digits, space, `_`, `-`, `.`, `@`, not only spaces.
enum KeypairName {
    static func validate(_ name: String) throws(ComputeError) {
        let allowed = name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || " _-.@".unicodeScalars.contains($0) }
        guard !name.isEmpty, name.count <= 255, allowed, !name.allSatisfy({ $0 == " " }) else {
            throw .badRequest("Keypair data is invalid: Keypair name contains unsafe characters")
        }
    }
}
