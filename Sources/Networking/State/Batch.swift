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
        /// One kind: what `later` writes replaces earlier writes and deletes of the same ids; what it deletes is no
        /// longer written.
        func kind<T>(_ puts: WritableKeyPath<Batch, [T]>, _ deletes: WritableKeyPath<Batch, [String]>, id: (T) -> String) {
            let written = Set(later[keyPath: puts].map(id)), deleted = Set(later[keyPath: deletes])
            self[keyPath: puts] = self[keyPath: puts].filter { !written.contains(id($0)) && !deleted.contains(id($0)) } + later[keyPath: puts]
            self[keyPath: deletes] = self[keyPath: deletes].filter { !written.contains($0) } + later[keyPath: deletes]
        }
        kind(\.networks, \.deletedNetworks) { $0.id }
        kind(\.subnets, \.deletedSubnets) { $0.id }
        kind(\.ports, \.deletedPorts) { $0.id }
        kind(\.groups, \.deletedGroups) { $0.id }
        kind(\.routers, \.deletedRouters) { $0.id }
        kind(\.floatingIPs, \.deletedFloatingIPs) { $0.id }
        kind(\.subnetPools, \.deletedSubnetPools) { $0.id }
        kind(\.addressGroups, \.deletedAddressGroups) { $0.id }
        kind(\.addressScopes, \.deletedAddressScopes) { $0.id }
        kind(\.rbacPolicies, \.deletedRBACPolicies) { $0.id }
        kind(\.autoAllocated, \.deletedAutoAllocated) { $0.projectID }
        kind(\.quotas, \.deletedQuotas) { $0.projectID }
        kind(\.portForwardings, \.deletedPortForwardings) { $0.id }
        kind(\.trunks, \.deletedTrunks) { $0.id }
        kind(\.qosPolicies, \.deletedQoSPolicies) { $0.id }
        kind(\.flavors, \.deletedFlavors) { $0.id }
        kind(\.serviceProfiles, \.deletedServiceProfiles) { $0.id }
    }
}

