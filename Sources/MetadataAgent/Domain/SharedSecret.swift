public import Foundation
import Crypto

/// The secret shared with nova-metadata. It prints as `<redacted>` whatever interpolates it, so no log line,
/// error or description can carry it; only `sign` uses its bytes.
public struct SharedSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let bytes: [UInt8]

    /// A secret with this value.
    public init(_ value: String) { bytes = Array(value.utf8) }

    /// The secret in a file (trimmed of surrounding whitespace); throws unless the file holds one.
    public init(contentsOfFile path: String) throws(MetadataAgentError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .configuration("cannot read the shared secret file \(path); write the secret nova-metadata checks there")
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw .configuration("the shared secret file \(path) is empty; write the secret nova-metadata checks there") }
        self.init(value)
    }

    /// `X-Instance-ID-Signature`: lowercase hex HMAC-SHA256 of the instance id keyed with the secret.
    public func sign(_ instanceID: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(instanceID.utf8), using: SymmetricKey(data: bytes))
            .map { String(format: "%02x", $0) }.joined()
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
