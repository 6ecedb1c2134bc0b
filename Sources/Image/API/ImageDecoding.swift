import OpenStackAPI

/// Glance v2 bodies → typed requests: `POST /v2/images` objects and JSON-patch documents.
enum ImageDecoding {
    /// Attributes the service sets; a request naming one is refused (403, as Glance does).
    static let readOnly: Set<String> = [
        "status", "checksum", "size", "virtual_size", "created_at", "updated_at", "self", "file", "schema",
        "os_hash_algo", "os_hash_value", "direct_url", "location", "locations",
    ]

    static func create(_ body: JSONObject) throws(ImageError) -> ImageCreate {
        var r = ImageCreate()
        for (key, value) in body {
            if readOnly.contains(key) { throw .forbidden("Attribute '\(key)' is read-only.") }
            switch key {
            case "id": r.id = try string(value, key)
            case "name": r.name = try optionalString(value, key)
            case "owner": r.owner = try string(value, key)
            case "visibility": r.visibility = try visibility(value)
            case "protected": r.protected = try bool(value, key)
            case "os_hidden": r.hidden = try bool(value, key)
            case "disk_format": r.diskFormat = try optionalString(value, key)
            case "container_format": r.containerFormat = try optionalString(value, key)
            case "min_disk": r.minDisk = try int(value, key)
            case "min_ram": r.minRAM = try int(value, key)
            case "tags": r.tags = try strings(value, key)
            default: r.properties[key] = try property(value, key)
            }
        }
        return r
    }

    /// A JSON patch (`[{"op": "replace", "path": "/name", "value": "x"}, …]`) as changes.
    static func patch(_ document: JSON) throws(ImageError) -> [ImageChange] {
        guard let ops = document.array else { throw .badRequest("Request body must be a JSON array of operation objects.") }
        var changes: [ImageChange] = []
        for op in ops {
            guard let name = op["op"]?.string, ["add", "replace", "remove"].contains(name) else {
                throw .badRequest("Operations must contain exactly one of the following keys: add, remove, replace.")
            }
            guard let path = op["path"]?.string, path.hasPrefix("/"), path.count > 1 else {
                throw .badRequest("Unable to find 'path' in JSON Schema change")
            }
            let key = String(path.dropFirst()).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if readOnly.contains(key) || key == "id" || key == "owner" { throw .forbidden("Attribute '\(key)' is read-only.") }
            if name == "remove" {
                switch key {
                case "name", "disk_format", "container_format", "visibility", "protected", "os_hidden", "min_disk", "min_ram", "tags":
                    throw .forbidden("Attribute '\(key)' is reserved.")
                default: changes.append(.property(key, nil))
                }
                continue
            }
            guard let value = op["value"] else { throw .badRequest("Operation objects must contain 'value' for \(name).") }
            switch key {
            case "name": changes.append(.name(try optionalString(value, key)))
            case "visibility": changes.append(.visibility(try visibility(value)))
            case "protected": changes.append(.protected(try bool(value, key)))
            case "os_hidden": changes.append(.hidden(try bool(value, key)))
            case "disk_format": changes.append(.diskFormat(try optionalString(value, key)))
            case "container_format": changes.append(.containerFormat(try optionalString(value, key)))
            case "min_disk": changes.append(.minDisk(try int(value, key)))
            case "min_ram": changes.append(.minRAM(try int(value, key)))
            case "tags": changes.append(.tags(try strings(value, key)))
            default: changes.append(.property(key, try property(value, key)))
            }
        }
        return changes
    }

    private static func string(_ v: JSON, _ key: String) throws(ImageError) -> String {
        guard let s = v.string else { throw .badRequest("Invalid value for '\(key)': \(v.text) is not a string.") }
        guard s.count <= 255 else { throw .badRequest("Invalid value for '\(key)': longer than 255 characters.") }
        return s
    }

    private static func optionalString(_ v: JSON, _ key: String) throws(ImageError) -> String? {
        v.isNull ? nil : try string(v, key)
    }

    private static func bool(_ v: JSON, _ key: String) throws(ImageError) -> Bool {
        if let b = v.bool { return b }
        switch v.string?.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .badRequest("Invalid value for '\(key)': \(v.text) is not a boolean.")
        }
    }

    /// A non-negative integer that fits; a huge or fractional number is a 400, never a trap.
    private static func int(_ v: JSON, _ key: String) throws(ImageError) -> Int {
        guard let n = v.number, n == n.rounded(), n >= 0, n <= Double(Int32.max) else {
            throw .badRequest("Invalid value for '\(key)': \(v.text) is not an integer between 0 and \(Int32.max).")
        }
        return Int(n)
    }

    private static func strings(_ v: JSON, _ key: String) throws(ImageError) -> [String] {
        guard let items = v.array else { throw .badRequest("Invalid value for '\(key)': \(v.text) is not a list.") }
        var out: [String] = []
        for item in items { out.append(try string(item, key)) }
        return out
    }

    private static func visibility(_ v: JSON) throws(ImageError) -> Image.Visibility {
        guard let s = v.string, let vis = Image.Visibility(rawValue: s) else {
            throw .badRequest("Invalid value for 'visibility': \(v.text) is not one of public, private, shared, community.")
        }
        return vis
    }

    /// Extra properties are strings (Glance's schema allows only those).
    private static func property(_ v: JSON, _ key: String) throws(ImageError) -> String {
        guard !key.isEmpty, key.count <= 255 else { throw .badRequest("Invalid property name '\(key)'.") }
        guard let s = v.string else { throw .badRequest("Invalid value for property '\(key)': \(v.text) is not a string.") }
        guard s.utf8.count <= 65_535 else { throw .badRequest("Invalid value for property '\(key)': too long.") }
        return s
    }
}
