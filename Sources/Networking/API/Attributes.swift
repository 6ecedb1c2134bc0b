public import OpenStackAPI

/// The body of a create or update call, checked against the resource's attribute map the way
/// Neutron's API layer does: unknown attributes, attributes not allowed in POST or PUT, wrong types.
public struct Attributes: Sendable {
    /// What may be sent for one attribute.
    public struct Rule: Sendable {
        var post: Bool
        var put: Bool
    }

    let object: JSONObject
    let resource: String

    /// Reads `{"<resource>": {...}}` and checks every member against `rules` for POST (`create`) or PUT.
    public init(_ body: JSONObject, resource: String, rules: [String: Rule], create: Bool) throws(APIError) {
        guard let value = body[resource] else {
            throw NeutronErrors.badRequest("Resource body required")
        }
        guard let object = value.object else { throw NeutronErrors.badRequest("Resource body required") }
        if body.keys.count > 1 {
            throw NeutronErrors.badRequest("Unrecognized attribute(s) '\(body.keys.filter { $0 != resource }.joined(separator: ", "))'")
        }
        let unknown = object.keys.filter { rules[$0] == nil }
        if !unknown.isEmpty { throw NeutronErrors.badRequest("Unrecognized attribute(s) '\(unknown.joined(separator: ", "))'") }
        for key in object.keys {
            let rule = rules[key]!
            if create, !rule.post { throw NeutronErrors.badRequest("Attribute '\(key)' not allowed in POST") }
            if !create, !rule.put { throw NeutronErrors.badRequest("Cannot update read-only attribute \(key)") }
        }
        self.object = object
        self.resource = resource
    }

    /// Whether the attribute was sent.
    public func has(_ key: String) -> Bool { object[key] != nil }

    public func string(_ key: String, maxLength: Int = 255, nullable: Bool = false) throws(APIError) -> String? {
        guard let value = object[key] else { return nil }
        if value.isNull {
            if nullable { return nil }
            throw NeutronErrors.invalidInput("'None' is not a valid string")
        }
        guard let s = value.string else { throw NeutronErrors.invalidInput("'\(value.text)' is not a valid string") }
        if s.count > maxLength {
            throw NeutronErrors.invalidInput("'\(s)' exceeds maximum length of \(maxLength)")
        }
        return s
    }

    public func bool(_ key: String) throws(APIError) -> Bool? {
        guard let value = object[key] else { return nil }
        if let b = value.bool { return b }
        if let s = value.string, let b = ListQueryTruth.parse(s) { return b }
        throw NeutronErrors.invalidInput("'\(value.text)' is not a valid boolean value")
    }

    public func int(_ key: String, nullable: Bool = true) throws(APIError) -> Int?? {
        guard let value = object[key] else { return nil }
        if value.isNull {
            if nullable { return .some(nil) }
            throw NeutronErrors.invalidInput("'None' is not an integer")
        }
        if let n = value.number, n == n.rounded(), abs(n) < 1e15 { return .some(Int(n)) }
        if let s = value.string, let n = Int(s) { return .some(n) }
        throw NeutronErrors.invalidInput("'\(value.text)' is not an integer")
    }

    public func array(_ key: String) throws(APIError) -> [JSON]? {
        guard let value = object[key] else { return nil }
        if value.isNull { return [] }
        guard let items = value.array else { throw NeutronErrors.invalidInput("'\(value.text)' is not a list") }
        return items
    }

    public func strings(_ key: String) throws(APIError) -> [String]? {
        guard let items = try array(key) else { return nil }
        var out: [String] = []
        for item in items {
            guard let s = item.string else { throw NeutronErrors.invalidInput("'\(item.text)' is not a valid string") }
            out.append(s)
        }
        return out
    }

    public func value(_ key: String) -> JSON? { object[key] }
}

/// Neutron's boolean spellings in bodies and query strings.
enum ListQueryTruth {
    static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "on", "t", "y": true
        case "false", "0", "no", "off", "f", "n": false
        default: nil
        }
    }
}
