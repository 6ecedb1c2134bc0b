import Foundation
import Addressing

/// `POST /v2.0/routers`, typed.
struct RouterCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var name: String?
    var description: String?
    var adminStateUp: Bool?
    /// A gateway to set; nil when left out, null or `{}`.
    var externalGateway: GatewayRequest?
    var availabilityZoneHints: [String]?

    /// An empty request.
    init() {}
}

/// `PUT /v2.0/routers/{id}`, typed.
struct RouterUpdate: Sendable, Equatable {
    var name: String?
    var description: String?
    var adminStateUp: Bool?
    var routes: [RouteRequest]?
    /// null (or `{}`) clears the gateway.
    var externalGateway: Sent<GatewayRequest> = .absent

    /// An empty update.
    init() {}
}

/// `external_gateway_info` as sent.
struct GatewayRequest: Sendable, Equatable {
    var networkID: String
    var enableSNAT: Bool?
    /// Sent: the addresses to take on the external network (admins only); nil when left out.
    var externalFixedIPs: [ExternalFixedIPRequest]?

    /// A gateway request for a network.
    init(networkID: String, enableSNAT: Bool? = nil, externalFixedIPs: [ExternalFixedIPRequest]? = nil) {
        self.networkID = networkID
        self.enableSNAT = enableSNAT
        self.externalFixedIPs = externalFixedIPs
    }
}

/// One `external_fixed_ips` entry: a subnet, an address, or both.
struct ExternalFixedIPRequest: Sendable, Equatable {
    var subnetID: String?
    var ipAddress: IPAddress?

    /// An entry from its parts.
    init(subnetID: String?, ipAddress: IPAddress?) {
        self.subnetID = subnetID
        self.ipAddress = ipAddress
    }
}

/// An extra route as sent.
struct RouteRequest: Sendable, Equatable {
    var destination: IPNetwork
    var nexthop: IPAddress

    /// A route from its parts.
    init(destination: IPNetwork, nexthop: IPAddress) {
        self.destination = destination
        self.nexthop = nexthop
    }
}

/// `add_router_interface` / `remove_router_interface`: a subnet or a port.
struct InterfaceRequest: Sendable, Equatable {
    var subnetID: String?
    var portID: String?

    /// A request from its parts.
    init(subnetID: String?, portID: String?) {
        self.subnetID = subnetID
        self.portID = portID
    }
}

extension InterfaceRequest {
    /// Neutron's check of the ids an interface call names (after the router is found): each must look like a UUID.
    func checkIDs() throws(NetworkingError) {
        for text in [subnetID, portID].compactMap({ $0 }) where UUID(uuidString: text) == nil
            && !(text.count == 32 && text.allSatisfy(\.isHexDigit)) {
            throw .badRequest("Bad router request: '\(text)' is not a valid UUID.")
        }
    }
}
