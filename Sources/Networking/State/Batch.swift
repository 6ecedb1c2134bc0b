/// The resources one API call writes or deletes, committed to the store and the state together.
struct Batch: Sendable {
    var networks: [Network] = []
    var subnets: [Subnet] = []
    var ports: [Port] = []
    var groups: [SecurityGroup] = []
    var routers: [NetworkRouter] = []
    var floatingIPs: [FloatingIP] = []
    var deletedRouters: [String] = []
    var deletedFloatingIPs: [String] = []
    var deletedNetworks: [String] = []
    var deletedSubnets: [String] = []
    var deletedPorts: [String] = []
    var deletedGroups: [String] = []
    var subnetPools: [SubnetPool] = []
    var deletedSubnetPools: [String] = []
    var addressGroups: [AddressGroup] = []
    var deletedAddressGroups: [String] = []
    var quotas: [ProjectQuota] = []
    /// Projects whose limits go back to the defaults.
    var deletedQuotas: [String] = []
}
