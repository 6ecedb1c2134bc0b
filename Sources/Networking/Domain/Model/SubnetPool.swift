import Addressing

/// A subnet pool (`subnet_allocation`): address prefixes that subnets are carved from, by size or by CIDR.
struct SubnetPool: Codable, Sendable, Hashable, ProjectOwned {
    var id: String
    var projectID: String
    var name: String
    var ipVersion: Int
    /// The pool's prefixes, merged (no two overlap or adjoin into one).
    var prefixes: [String]
    var defaultPrefixLength: Int
    var minPrefixLength: Int
    var maxPrefixLength: Int
    /// Addresses (IPv4) or /64s (IPv6) one project may take from the pool; nil: no limit.
    var defaultQuota: Int?
    var shared: Bool
    /// The pool of its IP version that `use_default_subnetpool` subnets come from.
    var isDefault: Bool
    /// The address scope its prefixes belong to (unique within it).
    var addressScopeID: String? = nil
    var std: StandardAttributes

    /// The parsed prefixes.
    var networks: [IPNetwork] { prefixes.compactMap { IPNetwork($0) } }
}
