/// A QoS policy (`qos`): bandwidth limits and DSCP marks for the ports it is put on (or the ports of the networks it is
/// put on). ML2/OVN writes a port's rules of one direction as one `QoS` row of its switch.
struct QoSPolicy: Codable, Sendable, Hashable, ProjectOwned {
    /// One rule of a policy.
    struct Rule: Codable, Sendable, Hashable {
        /// The rule types ML2/OVN enforces (minimum bandwidth needs Placement, which this cloud has not).
        enum Kind: String, Codable, Sendable, CaseIterable {
            case bandwidthLimit = "bandwidth_limit"
            case dscpMarking = "dscp_marking"

            /// The collection of a policy's rules of this kind (`bandwidth_limit_rules`).
            var collection: String { rawValue + "_rules" }
        }

        var id: String
        var kind: Kind
        /// `bandwidth_limit`: kbps and burst kbps, and `egress` (from the port) or `ingress` (to it).
        var maxKbps: Int = 0
        var maxBurstKbps: Int = 0
        var direction: String = "egress"
        /// `dscp_marking`: the mark (egress).
        var dscpMark: Int = 0
    }

    var id: String
    var projectID: String
    var name: String
    var shared: Bool
    /// The project's default policy: new networks of the project take it.
    var isDefault: Bool
    var rules: [Rule]
    var std: StandardAttributes
}
