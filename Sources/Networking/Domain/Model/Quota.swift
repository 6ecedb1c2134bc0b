/// The resources the `quotas` extension limits per project, with Neutron's default limits (`[quotas] quota_<name>`).
enum QuotaResource: String, Sendable, CaseIterable, Codable, CodingKeyRepresentable {
    case floatingip, network, port, router, securityGroup = "security_group", securityGroupRule = "security_group_rule", subnet
    case subnetPool = "subnetpool", rbacPolicy = "rbac_policy"

    /// The limit a project has unless an admin set another; -1 is unlimited.
    var defaultLimit: Int {
        switch self {
        case .network, .subnet: 100
        case .port: 500
        case .router, .securityGroup, .rbacPolicy: 10
        case .floatingip: 50
        case .securityGroupRule: 100
        case .subnetPool: -1
        }
    }
}

/// The limits an admin set for one project (resources not named keep their default).
struct ProjectQuota: Codable, Sendable, Hashable {
    var projectID: String
    var limits: [QuotaResource: Int]

    /// The limit of `resource`.
    func limit(_ resource: QuotaResource) -> Int { limits[resource] ?? resource.defaultLimit }
}

/// Resources that belong to one project (what a quota counts).
protocol ProjectOwned {
    var projectID: String { get }
}

extension Network: ProjectOwned {}
extension Subnet: ProjectOwned {}
extension Port: ProjectOwned {}
extension SecurityGroup: ProjectOwned {}
extension SecurityGroupRule: ProjectOwned {}
extension NetworkRouter: ProjectOwned {}
extension FloatingIP: ProjectOwned {}
