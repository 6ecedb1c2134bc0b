import Foundation

/// What the Southbound says of one chassis, as the agents API needs it (read by the driver; no OVSDB here).
struct ChassisRecord: Sendable, Equatable {
    /// `Chassis.name` (= `Chassis_Private.name`, the system-id).
    var name: String
    var hostname: String
    /// `ovn-cms-options`, split (`enable-chassis-as-gw`, `availability-zones=az1:az2`).
    var cmsOptions: [String]
    /// `ovn-bridge-mappings`.
    var bridgeMappings: String
    /// `Chassis_Private.nb_cfg`: the last `NB_Global.nb_cfg` ovn-controller has caught up with.
    var nbCfg: Int
    /// `Chassis_Private.external_ids` (the metadata agent's registration, descriptions).
    var externalIDs: [String: String]
    /// When the service last saw the row change (or started watching it).
    var lastSeen: Date
}

/// One agent as Neutron's ML2/OVN driver lists it: the ovn-controller of every chassis, and the OVN metadata
/// agent of every chassis where one registered.
struct Agent: Sendable, Equatable {
    /// Neutron's agent types.
    enum Kind: String, Sendable {
        case controller = "OVN Controller agent", gateway = "OVN Controller Gateway agent", metadata = "OVN Metadata agent"

        /// The program the agent is.
        var binary: String { self == .metadata ? "neutron-ovn-metadata-agent" : "ovn-controller" }
        /// Where its description is kept in `Chassis_Private.external_ids`.
        var descriptionKey: String { self == .metadata ? "neutron:description-metadata" : "neutron:description" }
    }

    /// The chassis name for ovn-controller; the registered `neutron:ovn-metadata-id` for a metadata agent.
    var id: String
    var kind: Kind
    var host: String
    var chassis: String
    var bridgeMappings: String
    var availabilityZones: [String]
    var description: String
    var alive: Bool
}

/// A chassis that may carry router gateways (`enable-chassis-as-gw`), with its availability zones.
struct GatewayChassis: Sendable, Equatable {
    var name: String
    var zones: [String]

    /// The zones of `chassis`, each once, sorted (`GET /v2.0/availability_zones`).
    static func zones(_ chassis: [GatewayChassis]) -> [String] { Array(Set(chassis.flatMap(\.zones))).sorted() }
}
