import Crypto
import Foundation

/// Cryptographically secure random values.
enum SecureRandom {
    /// `count` random bytes from the system CSPRNG.
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// 32 random bytes, base64url without padding (43 characters): a token or a generated password.
    static func token() -> String {
        Data(bytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of `value` in hex, the stored form of a token.
    static func sha256Hex(_ value: String) -> String {
        SHA256.hash(data: Array(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
