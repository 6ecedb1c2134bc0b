/// An address scope (`address-scope`): subnet pools of one IP version whose prefixes never overlap, so that their
/// addresses are routed without NAT between them. Neutron (Zed) keeps no standard attributes on it, and ML2/OVN
/// writes nothing for it.
struct AddressScope: Codable, Sendable, Hashable, ProjectOwned {
    var id: String
    var projectID: String
    var name: String
    var ipVersion: Int
    /// Whether a `*` `access_as_shared` policy shares it with every project.
    var shared: Bool
}
