import _CryptoExtras
import Crypto
import Foundation

/// Salted PBKDF2-HMAC-SHA256 password hashes: `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`.
struct PasswordHasher: Sendable {
    /// OWASP's current minimum for PBKDF2-HMAC-SHA256.
    static let productionIterations = 600_000

    /// Work factor of new hashes.
    let iterations: Int

    /// The encoded hash of `password` with a fresh 16-byte salt.
    func hash(_ password: String) throws -> String {
        let salt = SecureRandom.bytes(16)
        let derived = try derive(password, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// Whether `password` matches `encoded`, compared in constant time.
    func verify(_ password: String, against encoded: String) -> Bool {
        let parts = encoded.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              let derived = try? derive(password, salt: Array(salt), iterations: rounds) else { return false }
        return derived.count == expected.count && zip(derived, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Spends the same time as a real verification, for unknown users.
    func burn(_ password: String) {
        _ = try? derive(password, salt: Array(repeating: 0, count: 16), iterations: iterations)
    }

    private func derive(_ password: String, salt: [UInt8], iterations: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }
}
