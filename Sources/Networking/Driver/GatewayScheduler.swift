import Foundation
import OVNModel
import OVSDB

/// The chassis that may carry router gateways: SB `Chassis` with `enable-chassis-as-gw` in `ovn-cms-options`
/// (the domain's `GatewaySchedule` chooses among them, within a router's availability zones).
struct GatewayScheduler: Sendable {
    /// The Southbound replica of `Chassis`; nil when the service runs without a Southbound.
    let chassis: Replica?

    /// The gateway chassis with their availability zones (`availability-zones=az1:az2` in the same options), by name.
    func candidates() -> [GatewayChassis] {
        guard let chassis else { return [] }
        return chassis.rows(SB.Chassis.table).map(SB.Chassis.init(row:)).compactMap { c -> GatewayChassis? in
            let options = c.cmsOptions
            guard options.contains("enable-chassis-as-gw") else { return nil }
            return GatewayChassis(name: c.name, zones: AgentRules.availabilityZones(options))
        }.sorted { $0.name < $1.name }
    }
}
