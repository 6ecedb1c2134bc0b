import OpenStackAPI

/// The body of a create or update call, checked against the resource's attribute map the way
/// Neutron's API layer does: unknown attributes, attributes not allowed in POST or PUT, wrong types.
struct Attributes: Sendable {
    /// What may be sent for one attribute.
    struct Rule: Sendable {
        var post: Bool
        var put: Bool
    }

    let object: JSONObject
    let resource: String

    /// Reads `{"<resource>": {...}}` and checks every member against `rules` for POST (`create`) or PUT.
    init(_ body: JSONObject, resource: String, rules: [String: Rule], create: Bool) throws(NetworkingError) {
        guard let value = body[resource] else {
            throw NetworkingError.badRequest("Resource body required")
        }
        guard let object = value.object else { throw NetworkingError.badRequest("Resource body required") }
        if body.keys.count > 1 {
            throw NetworkingError.badRequest("Unrecognized attribute(s) '\(body.keys.filter { $0 != resource }.joined(separator: ", "))'")
        }
        let unknown = object.keys.filter { rules[$0] == nil }
        if !unknown.isEmpty { throw NetworkingError.badRequest("Unrecognized attribute(s) '\(unknown.joined(separator: ", "))'") }
        for key in object.keys {
            let rule = rules[key]!
            if create, !rule.post { throw NetworkingError.badRequest("Attribute '\(key)' not allowed in POST") }
            if !create, !rule.put { throw NetworkingError.badRequest("Cannot update read-only attribute \(key)") }
        }
        self.object = object
        self.resource = resource
    }

    /// Whether the attribute was sent.
    func has(_ key: String) -> Bool { object[key] != nil }

    func string(_ key: String, maxLength: Int = 255, nullable: Bool = false) throws(NetworkingError) -> String? {
        guard let value = object[key] else { return nil }
        if value.isNull {
            if nullable { return nil }
            throw NetworkingError.invalidInput("'None' is not a valid string")
        }
        guard let s = value.string else { throw NetworkingError.invalidInput("'\(value.text)' is not a valid string") }
        if s.count > maxLength {
            throw NetworkingError.invalidInput("'\(s)' exceeds maximum length of \(maxLength)")
        }
        return s
    }

    func bool(_ key: String) throws(NetworkingError) -> Bool? {
        guard let value = object[key] else { return nil }
        if let b = value.bool { return b }
        if let s = value.string, let b = ListQueryTruth.parse(s) { return b }
        throw NetworkingError.invalidInput("'\(value.text)' is not a valid boolean value")
    }

    func int(_ key: String, nullable: Bool = true) throws(NetworkingError) -> Int?? {
        guard let value = object[key] else { return nil }
        if value.isNull {
            if nullable { return .some(nil) }
            throw NetworkingError.invalidInput("'None' is not an integer")
        }
        return .some(try Self.integer(value, key))
    }

    /// An integer read from a body: an exact JSON integer, an integral number that fits in `Int`,
    /// or a string of digits; anything else (a fraction, 1e300, 18446744073709551616) is Neutron's
    /// 400 naming the field, never a trapping conversion.
    static func integer(_ value: JSON, _ key: String) throws(NetworkingError) -> Int {
        switch value {
        case .int(let i): return i
        case .double(let d): if let i = Int(exactly: d) { return i }
        case .string(let s): if let i = Int(s) { return i }
        default: break
        }
        let text = value.string ?? value.double.flatMap(integralDigits) ?? value.text
        throw NetworkingError.invalidInput("Invalid input for \(key). Reason: '\(text)' is not an integer")
    }

    /// The exact decimal digits of an integral `Double` too large for `Int`, as Python prints the
    /// integer a client sent (1.8446744073709552e+19 → "18446744073709551616"); nil otherwise.
    static func integralDigits(_ d: Double) -> String? {
        guard d.isFinite, d == d.rounded(.towardZero), d.magnitude >= 0x1p63 else { return nil }
        // d = m · 2^(e-52) with m < 2^53; limbs in base 10^9, least significant first.
        let base: UInt64 = 1_000_000_000
        let m = d.significandBitPattern | (1 << 52)
        var limbs = [m % base, m / base % base, m / base / base]
        for _ in 0..<(Int(d.exponent) - 52) {
            var carry: UInt64 = 0
            for i in limbs.indices {
                let v = limbs[i] * 2 + carry
                limbs[i] = v % base
                carry = v / base
            }
            if carry > 0 { limbs.append(carry) }
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        let high = String(limbs.last!)
        let rest = limbs.dropLast().reversed().map { let s = String($0); return String(repeating: "0", count: 9 - s.count) + s }
        return (d < 0 ? "-" : "") + high + rest.joined()
    }

    func array(_ key: String) throws(NetworkingError) -> [JSON]? {
        guard let value = object[key] else { return nil }
        if value.isNull { return [] }
        guard let items = value.array else { throw NetworkingError.invalidInput("'\(value.text)' is not a list") }
        return items
    }

    func strings(_ key: String) throws(NetworkingError) -> [String]? {
        guard let items = try array(key) else { return nil }
        var out: [String] = []
        for item in items {
            guard let s = item.string else { throw NetworkingError.invalidInput("'\(item.text)' is not a valid string") }
            out.append(s)
        }
        return out
    }

    func value(_ key: String) -> JSON? { object[key] }

    /// A nullable string attribute: left out, null, or a string.
    func sent(_ key: String) throws(NetworkingError) -> Sent<String> {
        guard let value = object[key] else { return .absent }
        if value.isNull { return .null }
        return .value(try string(key)!)
    }

    /// The owner fields of a create.
    var owner: OwnerRequest {
        get throws(NetworkingError) { OwnerRequest(projectID: try string("project_id"), tenantID: try string("tenant_id")) }
    }
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
