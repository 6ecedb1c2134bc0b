import Foundation
import OpenStackAPI

/// `GET /v2/images` query: Glance's filters (`name`, `id=in:…`, `visibility`, `status`, `owner`, `tag`, `os_hidden`),
/// sorting (`sort_key`/`sort_dir` or `sort=key:dir,…`; newest first by default) and `limit`/`marker` paging.
struct ImageListing {
    /// The query as sent, kept for the `next` link (which repeats it with the new marker).
    var items: [(String, String)]
    var filters: [(String, String)] = []
    var sort: [(key: String, ascending: Bool)] = []
    var limit = 25
    var marker: String?

    static let sortable: Set<String> = ["name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at", "visibility", "owner"]

    init(_ items: [(String, String)]) throws(ImageError) {
        self.items = items
        var keys: [String] = [], dirs: [String] = []
        for (key, value) in items {
            switch key {
            case "limit":
                guard let n = Int(value), n >= 0 else { throw .badRequest("limit param must be a non-negative integer") }
                limit = min(n, 1000)
            case "marker": marker = value
            case "sort_key": keys.append(value)
            case "sort_dir": dirs.append(value)
            case "sort":
                for part in value.split(separator: ",") {
                    let pieces = part.split(separator: ":").map(String.init)
                    guard let k = pieces.first, pieces.count <= 2 else { throw .badRequest("Invalid sort value '\(part)'") }
                    try add(k, pieces.count == 2 ? pieces[1] : "desc")
                }
            default: filters.append((key, value))
            }
        }
        for (n, key) in keys.enumerated() { try add(key, n < dirs.count ? dirs[n] : (dirs.first ?? "desc")) }
        if sort.isEmpty { sort = [("created_at", false)] }
        // A unique last key, so that marker paging neither skips nor repeats images of equal keys.
        if !sort.contains(where: { $0.key == "id" }) { sort.append(("id", sort.last?.ascending ?? false)) }
    }

    private mutating func add(_ key: String, _ dir: String) throws(ImageError) {
        guard Self.sortable.contains(key) else { throw .badRequest("Invalid sort key: \(key).") }
        guard dir == "asc" || dir == "desc" else { throw .badRequest("Invalid sort direction: \(dir)") }
        sort.append((key, dir == "asc"))
    }

    /// The page of images the caller sees, and the `next` link when more follow.
    func page(_ rules: ImageRules, _ auth: AuthContext) throws(ImageError) -> (images: [Image], next: String?) {
        let wantsCommunity = filters.contains { $0.0 == "visibility" && $0.1 == "community" }
        var images = rules.images.values.filter { image in
            guard image.status != .deleted, rules.canSee(image, auth) else { return false }
            // Community images of other projects are listed only when asked for (as in Glance).
            if image.visibility == .community, image.owner != auth.projectID, !wantsCommunity, !auth.isAdmin { return false }
            if !filters.contains(where: { $0.0 == "os_hidden" }), image.hidden { return false }
            return filters.allSatisfy { matches(image, $0.0, $0.1) }
        }
        images.sort { a, b in
            for (key, ascending) in sort {
                let x = Self.value(a, key), y = Self.value(b, key)
                if x != y { return ascending ? x < y : x > y }
            }
            return false
        }
        if let marker {
            guard let i = images.firstIndex(where: { $0.id == marker }) else { throw .badRequest("marker \(marker) could not be found.") }
            images.removeFirst(i + 1)
        }
        guard images.count > limit, let last = images.prefix(limit).last else { return (Array(images.prefix(limit)), nil) }
        return (Array(images.prefix(limit)), nextLink(after: last.id))
    }

    /// The same query from the image after `marker` on (filters and sort kept).
    private func nextLink(after marker: String) -> String {
        let kept = items.filter { $0.0 != "marker" && $0.0 != "limit" } + [("limit", String(limit)), ("marker", marker)]
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))
        let query = kept.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }
        return "/v2/images?" + query.joined(separator: "&")
    }

    private func matches(_ image: Image, _ key: String, _ value: String) -> Bool {
        switch key {
        case "name": return image.name == value
        case "id":
            guard value.hasPrefix("in:") else { return image.id == value }
            return value.dropFirst(3).split(separator: ",").contains { $0 == image.id }
        case "visibility": return value == "all" || image.visibility.rawValue == value
        case "status": return image.status.rawValue == value
        case "owner": return image.owner == value
        case "tag": return image.tags.contains(value)
        case "os_hidden": return String(image.hidden) == value.lowercased()
        case "protected": return String(image.protected) == value.lowercased()
        case "disk_format": return image.diskFormat == value
        case "container_format": return image.containerFormat == value
        case "member_status": return true
        // Any other key names an extra property: only images that have it with that value match.
        default: return image.properties[key] == value
        }
    }

    /// A sortable text of an attribute (sizes zero-padded so that text order is number order).
    private static func value(_ image: Image, _ key: String) -> String {
        switch key {
        case "name": image.name ?? ""
        case "status": image.status.rawValue
        case "container_format": image.containerFormat ?? ""
        case "disk_format": image.diskFormat ?? ""
        case "size": String(repeating: "0", count: max(0, 20 - String(image.size ?? 0).count)) + String(image.size ?? 0)
        case "created_at": image.createdAt
        case "updated_at": image.updatedAt
        case "visibility": image.visibility.rawValue
        case "owner": image.owner
        default: image.id
        }
    }
}
