import Foundation

/// The `If-Match` header of `revision-if-match`: `revision_number=<int>` among the entity tags.
enum IfMatch {
    /// The revision the header asks for; nil when it names none. Neutron's 400 for a malformed or repeated one.
    static func revision(_ header: String?) throws(NetworkingError) -> Int? {
        guard let header else { return nil }
        var revision: Int?
        for raw in header.split(separator: ",") {
            var tag = raw.trimmingCharacters(in: .whitespaces)
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = String(tag.dropFirst().dropLast()) }
            guard tag.hasPrefix("revision_number=") else { continue }
            guard revision == nil else { throw .badRequest("Multiple revision_number etags are not supported.") }
            guard let n = Int(tag.dropFirst("revision_number=".count)) else {
                throw .badRequest("Revision number etag must be in the format of revision_number=<int>")
            }
            revision = n
        }
        return revision
    }
}
