import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The shared secret of a cluster's metadata path (Neutron's `metadata_proxy_shared_secret`): made once,
/// 32 random bytes as hex in a mode-600 file that the metadata service and every metadata agent read.
struct MetadataSecret: Sendable {
    let path: String

    /// Creates the file unless it exists. `O_EXCL` makes two concurrent first starts agree on one secret.
    func ensure() throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return }
            throw DeployError.system(call: "open(\(path))", reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = Array((secret + "\n").utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            unlink(path)
            throw DeployError.system(call: "write(\(path))", reason: String(cString: strerror(errno)))
        }
    }
}
