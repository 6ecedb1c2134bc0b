/// A project's compute quotas (Nova's `quota_set`); -1 is unlimited. Projects without their own set use
/// the defaults, which are Nova's.
struct QuotaSet: Codable, Sendable, Equatable {
    var instances = 10
    var cores = 20
    var ram = 51200
    var keyPairs = 100
    var metadataItems = 128
    var injectedFiles = 5
    var injectedFileContentBytes = 10240
    var injectedFilePathBytes = 255
    var serverGroups = 10
    var serverGroupMembers = 10

    /// Nova's defaults.
    static let defaults = QuotaSet()

    /// The API names of the settable limits, with their key paths.
    static var fields: [(name: String, path: WritableKeyPath<QuotaSet, Int>)] { [
        ("instances", \.instances), ("cores", \.cores), ("ram", \.ram), ("key_pairs", \.keyPairs),
        ("metadata_items", \.metadataItems), ("injected_files", \.injectedFiles),
        ("injected_file_content_bytes", \.injectedFileContentBytes), ("injected_file_path_bytes", \.injectedFilePathBytes),
        ("server_groups", \.serverGroups), ("server_group_members", \.serverGroupMembers),
    ] }

    /// Network quotas that microversion 2.1 still accepts and shows (proxied to Neutron by Nova; -1 here).
    static let deprecatedNetworkFields = ["fixed_ips", "floating_ips", "security_groups", "security_group_rules", "networks"]

    /// Whether `used` more of something fits under `limit` (-1: always).
    static func allows(_ limit: Int, _ used: Int) -> Bool { limit < 0 || used <= limit }
}

/// A typed `PUT /os-quota-sets/{project}`: new limits by API name, and whether limits below usage are allowed.
struct QuotaUpdate: Sendable {
    var limits: [String: Int]
    var force: Bool

    /// Applies the update to `quota`: 400 for a limit below -1, or (without `force`) below what is in use.
    func apply(to quota: QuotaSet, used: HostUsage) throws(ComputeError) -> QuotaSet {
        var updated = quota
        let inUse = ["instances": used.instances, "cores": used.vcpus, "ram": used.ramMB]
        for (name, path) in QuotaSet.fields {
            guard let value = limits[name] else { continue }
            guard value >= -1 else { throw .badRequest("Invalid input for field/attribute \(name). Value: \(value). \(value) is less than the minimum of -1") }
            if !force, value >= 0, let used = inUse[name], value < used {
                throw .badRequest("Quota limit \(value) for \(name) must be greater than or equal to already used and reserved \(used).")
            }
            updated[keyPath: path] = value
        }
        return updated
    }
}
