/// Why a networking request was refused, as neutron-lib's exceptions say it: a category (which the API
/// turns into the status code), Neutron's exception type name and its message. No HTTP here.
struct NetworkingError: Error, Sendable, Equatable {
    /// What kind of refusal this is.
    enum Kind: Sendable, Equatable {
        case badRequest, forbidden, notFound, conflict, preconditionFailed, unavailable, internalError
    }

    /// The category of the refusal.
    var kind: Kind
    /// Neutron's exception name (`NetworkNotFound`, `InvalidInput`, …).
    var type: String
    /// The message for the caller.
    var message: String

    /// An error from its parts.
    init(_ kind: Kind, _ type: String, _ message: String) {
        self.kind = kind
        self.type = type
        self.message = message
    }
}

extension NetworkingError {
    /// A plain bad request (`HTTPBadRequest`).
    static func badRequest(_ message: String) -> NetworkingError { .init(.badRequest, "HTTPBadRequest", message) }

    /// `InvalidInput`: an attribute value the API does not accept.
    static func invalidInput(_ detail: String) -> NetworkingError {
        .init(.badRequest, "InvalidInput", "Invalid input for operation: \(detail).")
    }

    /// `<Kind>NotFound`.
    static func notFound(_ resource: Resource, _ id: String) -> NetworkingError {
        .init(.notFound, resource.notFoundType, "\(resource.rawValue) \(id) could not be found\(resource.notFoundPeriod)")
    }

    /// A conflict with the current state (409).
    static func conflict(_ type: String, _ message: String) -> NetworkingError { .init(.conflict, type, message) }

    /// A policy refusal naming the rule, as oslo.policy words it.
    static func forbidden(_ action: String) -> NetworkingError {
        .init(.forbidden, "PolicyNotAuthorized", "(rule:\(action)) is disallowed by policy.")
    }

    /// The resources with a `<Kind>NotFound` error.
    enum Resource: String, Sendable {
        case network = "Network", subnet = "Subnet", port = "Port", securityGroup = "Security group"
        case securityGroupRule = "Security group rule", router = "Router", floatingIP = "Floating IP", agent = "Agent"
        case subnetPool = "Subnet pool", addressGroup = "Address group", addressScope = "Address scope"

        var notFoundType: String {
            switch self {
            case .network: "NetworkNotFound"
            case .subnet: "SubnetNotFound"
            case .port: "PortNotFound"
            case .securityGroup: "SecurityGroupNotFound"
            case .securityGroupRule: "SecurityGroupRuleNotFound"
            case .router: "RouterNotFound"
            case .floatingIP: "FloatingIPNotFound"
            case .agent: "AgentNotFound"
            case .subnetPool: "SubnetPoolNotFound"
            case .addressGroup: "AddressGroupNotFound"
            case .addressScope: "AddressScopeNotFound"
            }
        }

        /// Neutron's router and floating IP messages end without a period.
        var notFoundPeriod: String { self == .router || self == .floatingIP ? "" : "." }
    }

    /// Neutron's `_ensure_network_not_in_use`: the ports that keep the network are named.
    static func networkInUse(_ id: String, ports: [String]) -> NetworkingError {
        conflict("NetworkInUse", "Unable to complete operation on network \(id). There are one or more ports still in use on the network, "
                 + "id for these ports is: \(ports.joined(separator: ","))")
    }

    static func subnetInUse(_ id: String) -> NetworkingError {
        conflict("SubnetInUse", "Unable to complete operation on subnet \(id): One or more ports have an IP allocation from this subnet.")
    }

    static func ipInUse(_ ip: String, subnet: String) -> NetworkingError {
        conflict("IpAddressAlreadyAllocated", "IP address \(ip) already allocated in subnet \(subnet)")
    }

    static func poolExhausted(network: String) -> NetworkingError {
        conflict("IpAddressGenerationFailure", "No more IP addresses available on network \(network).")
    }

    static func macInUse(_ mac: String, network: String) -> NetworkingError {
        conflict("MacAddressInUse", "Unable to complete operation for network \(network). The mac address \(mac) is in use.")
    }

    static func invalidIPForSubnet(_ ip: String) -> NetworkingError {
        .init(.badRequest, "InvalidIpForSubnet", "IP address \(ip) is not a valid IP for the specified subnet.")
    }
}
