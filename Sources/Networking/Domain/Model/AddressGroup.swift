/// An address group (`address-group`): a named set of CIDRs that security-group rules may name as their remote end
/// (`remote_address_group_id`). ML2/OVN (since 2025.1; Zed lists the extension but writes nothing) keeps one Address_Set per IP version of it.
struct AddressGroup: Codable, Sendable, Hashable, ProjectOwned {
    var id: String
    var projectID: String
    var name: String
    /// Normalised CIDRs (host bits cleared), each once, in the order they were added.
    var addresses: [String]
    var std: StandardAttributes
}
