import Crypto
import _CryptoExtras
import Foundation

/// An OpenSSH public key line (`type base64-blob [comment]`) checked by parsing its wire blob:
/// ssh-ed25519, ecdsa-sha2-nistp256/384/521 and ssh-rsa. The fingerprint is Nova's: MD5 of the blob, `aa:bb:…`.
struct SSHPublicKey: Sendable {
    var type: String
    var blob: [UInt8]

    /// Parses and validates `line`; `Keypair data is invalid` (400) otherwise.
    init(parsing line: String) throws(ComputeError) {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard parts.count >= 2, let data = Data(base64Encoded: String(parts[1])) else { throw Self.invalid }
        var reader = WireReader(Array(data))
        guard let type = reader.string().flatMap({ String(bytes: $0, encoding: .utf8) }), type == parts[0] else { throw Self.invalid }
        switch type {
        case "ssh-ed25519":
            guard let key = reader.string(), key.count == 32, reader.atEnd,
                  (try? Curve25519.Signing.PublicKey(rawRepresentation: key)) != nil else { throw Self.invalid }
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            guard let curve = reader.string(), String(bytes: curve, encoding: .utf8) == String(type.dropFirst("ecdsa-sha2-".count)),
                  let point = reader.string(), reader.atEnd, Self.validPoint(point, curve: type) else { throw Self.invalid }
        case "ssh-rsa":
            guard let e = reader.string(), let n = reader.string(), reader.atEnd, !e.isEmpty, n.count >= 128,
                  (try? _RSA.Signing.PublicKey(n: n, e: e)) != nil else { throw Self.invalid }
        default:
            throw Self.invalid
        }
        self.type = type
        self.blob = Array(data)
    }

    init(type: String, blob: [UInt8]) {
        self.type = type
        self.blob = blob
    }

    /// MD5 of the blob as colon-separated hex pairs.
    var fingerprint: String {
        Insecure.MD5.hash(data: blob).map { String(format: "%02x", $0) }.joined(separator: ":")
    }

    /// `type base64 comment`.
    func line(comment: String) -> String { "\(type) \(Data(blob).base64EncodedString()) \(comment)" }

    private static func validPoint(_ point: [UInt8], curve: String) -> Bool {
        switch curve {
        case "ecdsa-sha2-nistp256": (try? P256.Signing.PublicKey(x963Representation: point)) != nil
        case "ecdsa-sha2-nistp384": (try? P384.Signing.PublicKey(x963Representation: point)) != nil
        default: (try? P521.Signing.PublicKey(x963Representation: point)) != nil
        }
    }

    static let invalid = ComputeError.badRequest("Keypair data is invalid: failed to generate fingerprint")
}

/// Reads SSH wire-format strings (uint32 length, then the bytes).
struct WireReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte was read.
    var atEnd: Bool { offset == bytes.count }

    /// The next length-prefixed string, nil when truncated.
    mutating func string() -> [UInt8]? {
        guard bytes.count - offset >= 4 else { return nil }
        let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        offset += 4
        guard length <= bytes.count - offset else { return nil }
        defer { offset += length }
        return Array(bytes[offset..<offset + length])
    }
}

/// Writes SSH wire-format strings and mpints.
enum WireWriter {
    static func string(_ bytes: [UInt8]) -> [UInt8] {
        let n = UInt32(bytes.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + bytes
    }

    /// An unsigned big integer as an mpint: leading zeros dropped, a zero byte added when the high bit is set.
    static func mpint(_ bytes: [UInt8]) -> [UInt8] {
        var trimmed = Array(bytes.drop(while: { $0 == 0 }))
        if let first = trimmed.first, first & 0x80 != 0 { trimmed.insert(0, at: 0) }
        return string(trimmed)
    }
}
