import Foundation
import OVNModel
import OVSDB

/// The chassis that may carry router gateways (SB `Chassis` with `enable-chassis-as-gw` in
/// `ovn-cms-options`) and ML2/OVN's leastloaded choice among them.
public struct GatewayScheduler: Sendable {
    /// The Southbound replica of `Chassis`; nil when the service runs without a Southbound.
    public let chassis: Replica?

    /// Names of the gateway chassis, sorted.
    func candidates() -> [String] {
        guard let chassis else { return [] }
        return chassis.rows(SB.Chassis.table).compactMap { row -> String? in
            let options = (row["other_config"]?.stringMap["ovn-cms-options"] ?? "") + "," + (row["external_ids"]?.stringMap["ovn-cms-options"] ?? "")
            guard options.split(separator: ",").contains("enable-chassis-as-gw") else { return nil }
            return row["name"]?.string
        }.sorted()
    }

    /// Chassis by priority for a new gateway port: the least loaded (fewest gateways at top priority) first.
    static func schedule(_ candidates: [String], load: [String: Int]) -> [String] {
        candidates.sorted { (load[$0] ?? 0, $0) < (load[$1] ?? 0, $1) }
    }

    /// An existing schedule brought in line with the candidates: chassis that left are dropped, new ones join at the end.
    static func rebalance(_ current: [String], candidates: [String], load: [String: Int]) -> [String] {
        let kept = current.filter(candidates.contains)
        return kept + schedule(candidates.filter { !kept.contains($0) }, load: load)
    }
}
