import OpenStackAPI

/// `PUT /v2.0/quotas/{project}` bodies: `{"quota": {"network": 10, …}}` with each limit an integer from -1 up,
/// and `force` (set limits below the usage) and the no-longer-needed `check_limit`.
enum QuotaDecoding {
    /// A typed quota update.
    struct Update: Sendable, Equatable {
        var limits: [QuotaResource: Int]
        var force: Bool
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> Update {
        var rules = Dictionary(uniqueKeysWithValues: QuotaResource.allCases.map { ($0.rawValue, Attributes.Rule(post: false, put: true)) })
        rules["force"] = .init(post: false, put: true)
        rules["check_limit"] = .init(post: false, put: true)
        let a = try Attributes(body, resource: "quota", rules: rules, create: false)
        var limits: [QuotaResource: Int] = [:]
        for resource in QuotaResource.allCases {
            guard let value = a.object[resource.rawValue] else { continue }
            let name = resource.rawValue
            let n = try Attributes.integer(value, name)
            guard n >= -1 else { throw .invalidInput("Invalid input for \(name). Reason: '\(n)' is too small - must be at least '-1'") }
            guard n <= Int(Int32.max) else {
                throw .invalidInput("Invalid input for \(name). Reason: '\(n)' is too large - must be no larger than '\(Int32.max)'")
            }
            limits[resource] = n
        }
        _ = try a.bool("check_limit")
        return Update(limits: limits, force: try a.bool("force") ?? false)
    }
}
