/// A project's auto-allocated topology (`auto-allocated-topology`, "get me a network"): the network with a subnet
/// from each default subnet pool, and the router that joins it to the default external network.
struct AutoAllocatedTopology: Codable, Sendable, Hashable {
    var projectID: String
    var networkID: String
    var routerID: String
}
