import Foundation
import OpenStackAPI

/// Glance's rules on one state snapshot: who sees an image, what a create or patch may set, when data may be
/// uploaded and an image deleted. Nothing here writes; the store commits.
struct ImageRules: Sendable {
    let images: [String: Image]

    /// The formats Glance accepts (`[image_format] disk_formats` / `container_formats` defaults).
    static let diskFormats: Set<String> = ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"]
    static let containerFormats: Set<String> = ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"]

    /// Whether the caller may see the image: admins all; everyone public and community ones; owners their own.
    func canSee(_ image: Image, _ auth: AuthContext) -> Bool {
        auth.isAdmin || image.owner == auth.projectID || image.visibility == .public || image.visibility == .community
    }

    /// The image, when the caller may see it; 404 otherwise (an id that is not a UUID is not found either).
    func visible(_ id: String, _ auth: AuthContext) throws(ImageError) -> Image {
        guard let image = images[id], image.status != .deleted, canSee(image, auth) else { throw .notFound(id) }
        return image
    }

    /// The image, when the caller may change it (its owner, or an admin).
    func owned(_ id: String, _ auth: AuthContext) throws(ImageError) -> Image {
        let image = try visible(id, auth)
        guard auth.isAdmin || image.owner == auth.projectID else { throw .forbidden("You are not permitted to modify image \(id).") }
        return image
    }

    func create(_ r: ImageCreate, _ auth: AuthContext) throws(ImageError) -> Image {
        let id = r.id ?? UUID().uuidString.lowercased()
        guard UUID(uuidString: id) != nil else { throw .badRequest("Invalid id: \(id) is not a UUID.") }
        guard images[id] == nil else { throw .conflict("Image with identifier \(id) already exists!") }
        if r.visibility == .public, !auth.isAdmin { throw .forbidden("You are not authorized to complete publicize_image action.") }
        if let owner = r.owner, owner != auth.projectID, !auth.isAdmin { throw .forbidden("You are not permitted to create images owned by '\(owner)'.") }
        guard let owner = r.owner ?? auth.projectID else { throw .badRequest("An image needs an owning project: use a project-scoped token.") }
        try checkFormats(disk: r.diskFormat, container: r.containerFormat)
        try checkQuota(r.properties)
        let now = ImageClock.now()
        return Image(id: id, name: r.name, owner: owner, status: .queued, visibility: r.visibility ?? .shared,
                     protected: r.protected ?? false, hidden: r.hidden ?? false, diskFormat: r.diskFormat,
                     containerFormat: r.containerFormat, minDisk: try nonNegative(r.minDisk, "min_disk"),
                     minRAM: try nonNegative(r.minRAM, "min_ram"), tags: try checkedTags(r.tags ?? []),
                     properties: r.properties, size: nil, checksum: nil, hashValue: nil, createdAt: now, updatedAt: now)
    }

    func update(_ id: String, _ changes: [ImageChange], _ auth: AuthContext) throws(ImageError) -> Image {
        var image = try owned(id, auth)
        for change in changes {
            switch change {
            case .name(let v): image.name = v
            case .visibility(let v):
                if v == .public, !auth.isAdmin { throw .forbidden("You are not authorized to complete publicize_image action.") }
                image.visibility = v
            case .protected(let v): image.protected = v
            case .hidden(let v): image.hidden = v
            case .diskFormat(let v):
                guard image.status == .queued else { throw .forbidden("Attribute disk_format can be only replaced for a queued image.") }
                try checkFormats(disk: v, container: nil)
                image.diskFormat = v
            case .containerFormat(let v):
                guard image.status == .queued else { throw .forbidden("Attribute container_format can be only replaced for a queued image.") }
                try checkFormats(disk: nil, container: v)
                image.containerFormat = v
            case .minDisk(let v): image.minDisk = try nonNegative(v, "min_disk")
            case .minRAM(let v): image.minRAM = try nonNegative(v, "min_ram")
            case .tags(let v): image.tags = try checkedTags(v)
            case .property(let key, let value): image.properties[key] = value
            }
        }
        try checkQuota(image.properties)
        image.updatedAt = ImageClock.now()
        return image
    }

    /// `PUT /v2/images/{id}/tags/{tag}`: the tag added (once).
    func addTag(_ id: String, _ tag: String, _ auth: AuthContext) throws(ImageError) -> Image {
        try update(id, [.tags(try owned(id, auth).tags + [tag])], auth)
    }

    /// `DELETE /v2/images/{id}/tags/{tag}`: 404 when the image has no such tag.
    func removeTag(_ id: String, _ tag: String, _ auth: AuthContext) throws(ImageError) -> Image {
        let image = try owned(id, auth)
        guard image.tags.contains(tag) else { throw ImageError(.notFound, "Tag \(tag) not found on image \(id).") }
        return try update(id, [.tags(image.tags.filter { $0 != tag })], auth)
    }

    func delete(_ id: String, _ auth: AuthContext) throws(ImageError) -> Image {
        let image = try owned(id, auth)
        if image.protected { throw .forbidden("Image \(id) is protected and cannot be deleted.") }
        return image
    }

    /// The image moving to `saving` for an upload: only a queued image takes data.
    func startUpload(_ id: String, _ auth: AuthContext) throws(ImageError) -> Image {
        var image = try owned(id, auth)
        guard image.status == .queued else {
            throw .conflict("Image status transition from \(image.status.rawValue) to saving is not allowed")
        }
        guard image.diskFormat != nil, image.containerFormat != nil else {
            throw .badRequest("Properties disk_format, container_format must be set prior to saving data.")
        }
        image.status = .saving
        image.updatedAt = ImageClock.now()
        return image
    }

    private func checkFormats(disk: String?, container: String?) throws(ImageError) {
        if let disk, !Self.diskFormats.contains(disk) {
            throw .badRequest("Invalid disk format '\(disk)' for image.")
        }
        if let container, !Self.containerFormats.contains(container) {
            throw .badRequest("Invalid container format '\(container)' for image.")
        }
    }

    /// Glance's `image_property_quota`: at most 128 extra properties an image.
    private func checkQuota(_ properties: [String: String]) throws(ImageError) {
        guard properties.count <= 128 else { throw .init(.tooLarge, "Attempted: \(properties.count), Maximum: 128 extra properties.") }
    }

    private func nonNegative(_ value: Int?, _ name: String) throws(ImageError) -> Int {
        guard let value else { return 0 }
        guard value >= 0, value <= Int(Int32.max) else { throw .badRequest("\(name) must be an integer between 0 and \(Int32.max), got \(value).") }
        return value
    }

    private func checkedTags(_ tags: [String]) throws(ImageError) -> [String] {
        guard tags.count <= 128 else { throw .init(.tooLarge, "Maximum number of tags exceeded: 128.") }
        var out: [String] = []
        for tag in tags where !out.contains(tag) {
            guard !tag.isEmpty, tag.count <= 255 else { throw .badRequest("Invalid tag '\(tag)': 1 to 255 characters.") }
            out.append(tag)
        }
        return out
    }
}
