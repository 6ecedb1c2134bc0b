import OpenStackAPI

/// Reads typed members of a request entity, answering 400 with Keystone's jsonschema-style messages.
struct BodyReader: Sendable {
    let object: JSONObject

    /// The entity `body[key]` (e.g. `{"project": {...}}`); 400 when missing or not an object.
    init(_ body: JSONObject, entity key: String) throws(APIError) {
        guard let value = body[key] else { throw APIError.badRequest("'\(key)' is a required property") }
        guard let object = value.object else { throw Self.typeError(key, value, "object") }
        self.object = object
    }

    /// Wraps an already extracted object.
    init(object: JSONObject) { self.object = object }

    /// A string member; 400 when of another type, empty (unless allowed), too long, or missing while required.
    func string(_ field: String, required: Bool = false, allowEmpty: Bool = false, maxLength: Int = 255) throws(APIError) -> String? {
        guard let value = object[field], !(value.isNull && !required) else {
            if required { throw APIError.badRequest("'\(field)' is a required property") }
            return nil
        }
        guard let s = value.string else { throw Self.typeError(field, value, "string") }
        if !allowEmpty, s.trimmingCharacters(in: .whitespaces).isEmpty {
            throw APIError.badRequest("Invalid input for field '\(field)': '\(s)' is too short")
        }
        if s.count > maxLength { throw APIError.badRequest("Invalid input for field '\(field)': '\(s.prefix(20))…' is too long") }
        return s
    }

    /// A boolean member; 400 when of another type.
    func bool(_ field: String) throws(APIError) -> Bool? {
        guard let value = object[field], !value.isNull else { return nil }
        guard let b = value.bool else { throw Self.typeError(field, value, "boolean") }
        return b
    }

    /// A nested object member; 400 when of another type.
    func nested(_ field: String, required: Bool = false) throws(APIError) -> BodyReader? {
        guard let value = object[field] else {
            if required { throw APIError.badRequest("'\(field)' is a required property") }
            return nil
        }
        guard let o = value.object else { throw Self.typeError(field, value, "object") }
        return BodyReader(object: o)
    }

    /// An array-of-strings member; 400 when of another type.
    func strings(_ field: String) throws(APIError) -> [String]? {
        guard let value = object[field], !value.isNull else { return nil }
        guard let items = value.array else { throw Self.typeError(field, value, "array") }
        var out: [String] = []
        for item in items {
            guard let s = item.string else { throw Self.typeError(field, item, "string") }
            out.append(s)
        }
        return out
    }

    static func typeError(_ field: String, _ value: JSON, _ type: String) -> APIError {
        APIError.badRequest("Invalid input for field '\(field)': \(value.text) is not of type '\(type)'")
    }
}
