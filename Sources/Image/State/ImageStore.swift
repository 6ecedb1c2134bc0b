import Foundation
import Logging

/// The image service's one owner of state: image records in memory, each change committed to SQLite first.
/// Decisions are made inside it on the current records, so that checks (a queued image, a free id) never race.
actor ImageStore {
    private let database: ImageDatabase
    private let logger: Logger
    private var images: [String: Image] = [:]

    /// Opens the database and loads every image; an upload that a crash interrupted (`saving`) is queued again.
    init(directory: URL, logger: Logger) throws {
        database = try ImageDatabase(directory: directory)
        self.logger = logger
        for var image in try database.loadAll() {
            if image.status == .saving {
                image.status = .queued
                try database.put(image)
            }
            images[image.id] = image
        }
    }

    /// The rules on the current records, for reads.
    var rules: ImageRules { ImageRules(images: images) }

    /// Decides on the current records and commits the image the rules return.
    func change(_ decide: @Sendable (ImageRules) throws -> Image) throws -> Image {
        let image = try decide(rules)
        try commit(image)
        return image
    }

    /// Decides a delete on the current records, removes the record and returns what was removed.
    func remove(_ decide: @Sendable (ImageRules) throws -> Image) throws -> Image {
        let image = try decide(rules)
        do { try database.delete(image.id) } catch { throw failure(error) }
        images[image.id] = nil
        return image
    }

    /// Records an image as it is now (after an upload finished or failed).
    func put(_ image: Image) throws { try commit(image) }

    private func commit(_ image: Image) throws {
        do { try database.put(image) } catch { throw failure(error) }
        images[image.id] = image
    }

    private func failure(_ error: any Error) -> ImageError {
        logger.error("image database write failed", metadata: ["error": "\(error)"])
        return ImageError(.internalError, "The image database could not be written.")
    }
}
