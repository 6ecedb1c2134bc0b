import Foundation
import Logging
import OpenStackAPI

/// The image service's one owner of state: image records in memory, each change committed to SQLite first,
/// and the image files through the driver. Decisions are made inside it on the current records, so that checks
/// (a queued image, a free id) never race.
actor ImageStore {
    private let database: ImageDatabase
    private let files: ImageFiles
    private let logger: Logger
    private var images: [String: Image] = [:]

    /// Opens the database and loads every image; an upload that a crash interrupted (`saving`) is queued again,
    /// and files no record owns (a crash between the two deletes, a partial upload) are removed.
    init(directory: URL, files: ImageFiles, logger: Logger) throws {
        database = try ImageDatabase(directory: directory)
        self.files = files
        self.logger = logger
        for var image in try database.loadAll() {
            if image.status == .saving {
                image.status = .queued
                try database.put(image)
            }
            images[image.id] = image
        }
        let active = Set(images.values.filter { $0.status == .active }.map(\.id))
        files.sweep(keeping: active)
    }

    /// The rules on the current records, for reads.
    var rules: ImageRules { ImageRules(images: images) }

    /// Decides on the current records and commits the image the rules return.
    func change(_ decide: @Sendable (ImageRules) throws -> Image) throws -> Image {
        let image = try decide(rules)
        try commit(image)
        return image
    }

    /// Decides a delete on the current records, removes the record, then its data.
    func remove(_ decide: @Sendable (ImageRules) throws -> Image) throws {
        let image = try decide(rules)
        do { try database.delete(image.id) } catch { throw failure(error) }
        images[image.id] = nil
        files.remove(image.id)
    }

    /// Takes an image's data: `saving` while it streams to its file, then `active` with its size and hashes —
    /// unless the image was deleted or changed state meanwhile, in which case the data is dropped. A failed
    /// upload puts the image back to `queued`.
    func upload<Chunks: AsyncSequence & Sendable>(_ id: String, _ auth: AuthContext, _ chunks: Chunks, limit: Int) async throws
    where Chunks.Element == [UInt8] {
        try commit(try rules.startUpload(id, auth))
        let stored: ImageFiles.Stored
        do {
            stored = try await files.write(id, chunks, limit: limit)
        } catch {
            if var current = images[id], current.status == .saving {
                current.status = .queued
                current.updatedAt = ImageClock.now()
                try? commit(current)
            }
            throw error
        }
        // The record may have changed while the data streamed (the actor served other calls): use the current one.
        guard var current = images[id], current.status == .saving else {
            files.remove(id)
            throw ImageError.conflict("Image \(id) was deleted or changed while its data was uploaded.")
        }
        current.size = stored.size
        current.checksum = stored.md5
        current.hashValue = stored.sha512
        current.status = .active
        current.updatedAt = ImageClock.now()
        try commit(current)
    }

    /// An active image's data file, for a download.
    func data(_ id: String, _ auth: AuthContext) throws -> (Image, URL)? {
        let image = try rules.visible(id, auth)
        guard image.status == .active, files.exists(id) else { return nil }
        return (image, files.path(id))
    }

    private func commit(_ image: Image) throws {
        do { try database.put(image) } catch { throw failure(error) }
        images[image.id] = image
    }

    private func failure(_ error: any Error) -> ImageError {
        logger.error("image database write failed", metadata: ["error": "\(error)"])
        return ImageError(.internalError, "The image database could not be written.")
    }
}
