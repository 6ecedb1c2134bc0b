import Crypto
import Foundation

/// Image data on disk: one file per image under `<state>/images/`, written through a temporary file while
/// its MD5 and SHA-512 are computed, renamed into place only when the whole upload arrived.
struct ImageFiles: Sendable {
    let directory: URL

    init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// What an upload produced.
    struct Stored: Sendable {
        var size: Int
        var md5: String
        var sha512: String
    }

    /// The path of an image's data.
    func path(_ id: String) -> URL { directory.appendingPathComponent(id) }

    /// Whether an image has data.
    func exists(_ id: String) -> Bool { FileManager.default.fileExists(atPath: path(id).path) }

    /// Streams `chunks` to the image's file; at most `limit` bytes (more is an error and leaves nothing behind).
    func write<Chunks: AsyncSequence & Sendable>(_ id: String, _ chunks: Chunks, limit: Int) async throws -> Stored where Chunks.Element == [UInt8] {
        let temporary = directory.appendingPathComponent(".\(id).partial")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw ImageError(.internalError, "Cannot create \(temporary.path): check the image state directory's space and permissions.")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            var md5 = Insecure.MD5(), sha512 = SHA512(), size = 0
            for try await chunk in chunks {
                size += chunk.count
                guard size <= limit else { throw ImageError(.tooLarge, "Image exceeds the storage quota: \(limit) bytes at most.") }
                md5.update(data: chunk)
                sha512.update(data: chunk)
                try handle.write(contentsOf: chunk)
            }
            try handle.synchronize()
            _ = try? FileManager.default.removeItem(at: path(id))
            try FileManager.default.moveItem(at: temporary, to: path(id))
            return Stored(size: size, md5: Self.hex(md5.finalize()), sha512: Self.hex(sha512.finalize()))
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Removes an image's data (nothing when it has none).
    func remove(_ id: String) { try? FileManager.default.removeItem(at: path(id)) }

    /// Removes every file but the data of the images in `keeping` (partial uploads, data whose record went).
    func sweep(keeping: Set<String>) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where !keeping.contains(name) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
