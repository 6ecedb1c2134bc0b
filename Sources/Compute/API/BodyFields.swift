import OpenStackAPI

/// Reads typed members out of a request body with Nova's 400 wording (`Invalid input for field/attribute …`).
struct BodyFields {
    let object: JSONObject
    let path: String

    init(_ object: JSONObject, path: String) {
        self.object = object
        self.path = path
    }

    /// The body's single resource object (`{"server": {…}}`), 400 when absent or not an object.
    static func resource(_ body: JSONObject, _ key: String) throws(ComputeError) -> BodyFields {
        guard let inner = body[key]?.object else { throw invalid(key, "'\(key)' is a required property") }
        return BodyFields(inner, path: key)
    }

    static func invalid(_ field: String, _ reason: String) -> ComputeError {
        .badRequest("Invalid input for field/attribute \(field). Value: \(reason)")
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    /// A string member of 1…`max` characters (leading/trailing spaces refused for names, as Nova does).
    func string(_ key: String, required: Bool = false, max: Int = 255, allowEmpty: Bool = false, trimmed: Bool = false) throws(ComputeError) -> String? {
        guard let value = object[key], !value.isNull || required else { return nil }
        guard let text = value.string else { throw Self.invalid(key, "\(value.text). \(value.text) is not of type 'string'") }
        guard allowEmpty || !text.isEmpty else { throw Self.invalid(key, "\(text). '' is too short") }
        guard text.count <= max else { throw Self.invalid(key, "\(text.prefix(40))… is too long") }
        if trimmed, text.first?.isWhitespace == true || text.last?.isWhitespace == true {
            throw Self.invalid(key, "\(text). '\(text)' does not match the name pattern (leading or trailing whitespace)")
        }
        return text
    }

    /// An integer member (integers or digit strings, as Nova's schemas accept) in `range`.
    func int(_ key: String, in range: ClosedRange<Int>) throws(ComputeError) -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        let number: Int? = value.int ?? value.string.flatMap { Int($0.trimmingSpaces) }
        guard let number else { throw Self.invalid(key, "\(value.text). \(value.text) is not of type 'integer', 'string'") }
        guard range.contains(number) else { throw Self.invalid(key, "\(number). \(number) is out of range \(range.lowerBound)...\(range.upperBound)") }
        return number
    }

    /// A boolean member (also `"true"`/`"false"` strings).
    func bool(_ key: String) throws(ComputeError) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        if let b = value.bool { return b }
        switch value.string?.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw Self.invalid(key, "\(value.text). \(value.text) is not of type 'boolean'")
        }
    }

    /// A `{string: string}` member (metadata, extra specs), keys 1-255 and values ≤255 characters.
    func stringMap(_ key: String) throws(ComputeError) -> [String: String]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let map = value.object else { throw Self.invalid(key, "\(value.text). \(value.text) is not of type 'object'") }
        var out: [String: String] = [:]
        for (k, v) in map {
            guard let s = v.string, !k.isEmpty, k.count <= 255, s.count <= 255 else {
                throw Self.invalid("\(key)/\(k)", "\(v.text). \(v.text) is not a string of at most 255 characters")
            }
            out[k] = s
        }
        return out
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String { stripping(" ") }
}
