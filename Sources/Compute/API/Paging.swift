import Hummingbird
import OpenStackAPI

/// Nova's `limit`/`marker` paging: 400 for a bad limit, 400 for an unknown marker (`marker [x] not found`).
struct Paging {
    var limit: Int?
    var marker: String?

    init(_ request: Request) throws(ComputeError) {
        if let text = request.query("limit") {
            guard let n = Int(text), n >= 0 else { throw BodyFields.invalid("limit", "\(text). \(text) is not a non-negative integer") }
            limit = n
        }
        marker = request.query("marker")
    }

    func page<Item>(_ items: [Item], id: (Item) -> String, kind: String) throws(ComputeError) -> [Item] {
        var items = items
        if let marker {
            guard let i = items.firstIndex(where: { id($0) == marker }) else { throw .badRequest("marker [\(marker)] not found") }
            items.removeFirst(i + 1)
        }
        if let limit { items = Array(items.prefix(limit)) }
        return items
    }
}
