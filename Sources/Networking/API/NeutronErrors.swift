public import OpenStackAPI

/// Neutron's error types and messages (neutron-lib exceptions), answered as `{"NeutronError": …}`.
public enum NeutronErrors {
    public static func badRequest(_ message: String) -> APIError { APIError(status: 400, message: message, type: "HTTPBadRequest") }

    public static func invalidInput(_ detail: String) -> APIError {
        APIError(status: 400, message: "Invalid input for operation: \(detail).", type: "InvalidInput")
    }

    public static func notFound(_ kind: Kind, _ id: String) -> APIError {
        APIError(status: 404, message: "\(kind.rawValue) \(id) could not be found.", type: kind.type)
    }

    public static func conflict(_ type: String, _ message: String) -> APIError { APIError(status: 409, message: message, type: type) }

    public static func forbidden(_ action: String) -> APIError {
        APIError(status: 403, message: "(rule:\(action)) is disallowed by policy.", type: "PolicyNotAuthorized")
    }

    /// The resources with a `<Kind>NotFound` error.
    public enum Kind: String, Sendable {
        case network = "Network", subnet = "Subnet", port = "Port", securityGroup = "Security group"
        case securityGroupRule = "Security group rule"

        var type: String {
            switch self {
            case .network: "NetworkNotFound"
            case .subnet: "SubnetNotFound"
            case .port: "PortNotFound"
            case .securityGroup: "SecurityGroupNotFound"
            case .securityGroupRule: "SecurityGroupRuleNotFound"
            }
        }
    }

    static func networkInUse(_ id: String) -> APIError {
        conflict("NetworkInUse", "Unable to complete operation on network \(id). There are one or more ports still in use on the network.")
    }

    static func subnetInUse(_ id: String) -> APIError {
        conflict("SubnetInUse", "Unable to complete operation on subnet \(id): One or more ports have an IP allocation from this subnet.")
    }

    static func ipInUse(_ ip: String, subnet: String) -> APIError {
        conflict("IpAddressAlreadyAllocated", "IP address \(ip) already allocated in subnet \(subnet)")
    }

    static func poolExhausted(network: String) -> APIError {
        conflict("IpAddressGenerationFailure", "No more IP addresses available on network \(network).")
    }

    static func macInUse(_ mac: String, network: String) -> APIError {
        conflict("MacAddressInUse", "Unable to complete operation for network \(network). The mac address \(mac) is in use.")
    }

    static func invalidIPForSubnet(_ ip: String) -> APIError {
        APIError(status: 400, message: "IP address \(ip) is not a valid IP for the specified subnet.", type: "InvalidIpForSubnet")
    }
}
