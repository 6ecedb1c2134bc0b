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
    var addressScopes: [AddressScope] = []
    var deletedAddressScopes: [String] = []
    var rbacPolicies: [RBACPolicy] = []
    var deletedRBACPolicies: [String] = []
    var flavors: [ServiceFlavor] = []
    var deletedFlavors: [String] = []
    var serviceProfiles: [ServiceProfile] = []
    var deletedServiceProfiles: [String] = []
    var qosPolicies: [QoSPolicy] = []
    var deletedQoSPolicies: [String] = []
    var trunks: [Trunk] = []
    var deletedTrunks: [String] = []
    var portForwardings: [PortForwarding] = []
    var deletedPortForwardings: [String] = []
    var autoAllocated: [AutoAllocatedTopology] = []
    /// Projects whose auto-allocated topology record goes.
    var deletedAutoAllocated: [String] = []
    var quotas: [ProjectQuota] = []
    /// Projects whose limits go back to the defaults.
    var deletedQuotas: [String] = []
}

extension Batch {
    /// Adds what a later decision writes, made on the state this batch leads to: a resource written again keeps only
    /// its last value, and one deleted later is no longer written (so that a composed batch applies as its steps did).
    mutating func merge(_ later: Batch) {
        func puts<T>(_ path: WritableKeyPath<Batch, [T]>, deletes: [String] = [], id: (T) -> String) {
            let replaced = Set(later[keyPath: path].map(id)).union(deletes)
            self[keyPath: path] = self[keyPath: path].filter { !replaced.contains(id($0)) } + later[keyPath: path]
        }
        puts(\.networks, deletes: later.deletedNetworks) { $0.id }
        puts(\.subnets, deletes: later.deletedSubnets) { $0.id }
        puts(\.ports, deletes: later.deletedPorts) { $0.id }
        puts(\.groups, deletes: later.deletedGroups) { $0.id }
        puts(\.routers, deletes: later.deletedRouters) { $0.id }
        puts(\.floatingIPs, deletes: later.deletedFloatingIPs) { $0.id }
        puts(\.subnetPools, deletes: later.deletedSubnetPools) { $0.id }
        puts(\.addressGroups, deletes: later.deletedAddressGroups) { $0.id }
        puts(\.addressScopes, deletes: later.deletedAddressScopes) { $0.id }
        puts(\.rbacPolicies, deletes: later.deletedRBACPolicies) { $0.id }
        puts(\.autoAllocated, deletes: later.deletedAutoAllocated) { $0.projectID }
        puts(\.portForwardings, deletes: later.deletedPortForwardings) { $0.id }
        puts(\.trunks, deletes: later.deletedTrunks) { $0.id }
        puts(\.qosPolicies, deletes: later.deletedQoSPolicies) { $0.id }
        puts(\.flavors, deletes: later.deletedFlavors) { $0.id }
        puts(\.serviceProfiles, deletes: later.deletedServiceProfiles) { $0.id }
        puts(\.quotas, deletes: later.deletedQuotas) { $0.projectID }
        deletedNetworks += later.deletedNetworks
        deletedSubnets += later.deletedSubnets
        deletedPorts += later.deletedPorts
        deletedGroups += later.deletedGroups
        deletedRouters += later.deletedRouters
        deletedFloatingIPs += later.deletedFloatingIPs
        deletedSubnetPools += later.deletedSubnetPools
        deletedAddressGroups += later.deletedAddressGroups
        deletedAddressScopes += later.deletedAddressScopes
        deletedRBACPolicies += later.deletedRBACPolicies
        deletedAutoAllocated += later.deletedAutoAllocated
        deletedPortForwardings += later.deletedPortForwardings
        deletedTrunks += later.deletedTrunks
        deletedQoSPolicies += later.deletedQoSPolicies
        deletedFlavors += later.deletedFlavors
        deletedServiceProfiles += later.deletedServiceProfiles
        deletedQuotas += later.deletedQuotas
    }
}

