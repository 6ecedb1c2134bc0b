import Foundation
import OVNModel
import OVSDB

/// The chassis that may carry router gateways: SB `Chassis` with `enable-chassis-as-gw` in `ovn-cms-options`
/// (the domain's `GatewaySchedule` chooses among them).
struct GatewayScheduler: Sendable {
    /// The Southbound replica of `Chassis`; nil when the service runs without a Southbound.
    let chassis: Replica?

    /// Names of the gateway chassis, sorted.
    func candidates() -> [String] {
        guard let chassis else { return [] }
        return chassis.rows(SB.Chassis.table).map(SB.Chassis.init(row:)).compactMap { c -> String? in
            let options = (c.otherConfig["ovn-cms-options"] ?? "") + "," + (c.externalIDs["ovn-cms-options"] ?? "")
            return options.split(separator: ",").contains("enable-chassis-as-gw") ? c.name : nil
        }.sorted()
    }
}
