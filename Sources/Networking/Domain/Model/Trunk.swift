/// A trunk (`trunk`): a parent port that carries other ports' traffic (its subports), each on a VLAN of its own.
/// ML2/OVN writes a subport as a child of the parent's Logical_Switch_Port (`parent_name`, `tag`): ovn-controller
/// delivers its traffic on the parent's interface, tagged.
struct Trunk: Codable, Sendable, Hashable, ProjectOwned {
    /// One subport: a port and the VLAN it is carried on.
    struct Subport: Codable, Sendable, Hashable {
        var portID: String
        /// `vlan`, the one type ML2/OVN's trunk driver carries.
        var segmentationType: String
        var segmentationID: Int
    }

    var id: String
    var projectID: String
    var name: String
    var adminStateUp: Bool
    /// The parent port.
    var portID: String
    var subports: [Subport]
    var std: StandardAttributes

    /// `ACTIVE` as ML2/OVN sets it once the parent's switch port exists (always here).
    var status: String { "ACTIVE" }
}

/// `device_owner` of a port while it is a subport.
extension DeviceOwner {
    static let trunkSubport = "trunk:subport"
}
