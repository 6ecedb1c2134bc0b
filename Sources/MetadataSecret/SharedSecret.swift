public import Foundation
import Crypto

/// The secret the metadata agents share with nova-metadata (Neutron's `metadata_proxy_shared_secret`), and the
/// signature it makes: the agent signs each forwarded request, the metadata service verifies it. It prints as
/// `<redacted>` whatever interpolates it, so no log line, error or description can carry it.
public struct SharedSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key's bytes (a `SymmetricKey` is made per call: it is not `Sendable`).
    private let bytes: [UInt8]

    /// A secret with this value.
    public init(_ value: String) { bytes = Array(value.utf8) }

    /// The secret in a file (trimmed of surrounding whitespace); throws unless the file holds one.
    public init(contentsOfFile path: String) throws(SharedSecretError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .unreadable(path) }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw .empty(path) }
        self.init(value)
    }

    /// `X-Instance-ID-Signature`: lowercase hex HMAC-SHA256 of the instance id keyed with the secret, as
    /// Neutron's `sign_instance_id` computes it.
    public func sign(_ instanceID: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(instanceID.utf8), using: SymmetricKey(data: bytes))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `signature` is the one of `instanceID`, compared in constant time (length aside).
    public func verify(_ signature: String, for instanceID: String) -> Bool {
        let expected = Array(sign(instanceID).utf8), given = Array(signature.utf8)
        guard !given.isEmpty, expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

/// Why a shared secret file is unusable; each case names the fix.
public enum SharedSecretError: Error, Sendable, CustomStringConvertible {
    /// The file is missing or unreadable.
    case unreadable(String)
    /// The file holds only whitespace.
    case empty(String)

    public var description: String {
        switch self {
        case .unreadable(let path):
            "cannot read the shared secret file \(path); write the secret the metadata service and its agents share there (`ovnstack up` makes it)"
        case .empty(let path): "the shared secret file \(path) is empty; write the secret the metadata service and its agents share there"
        }
    }
}
