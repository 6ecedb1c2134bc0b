import OVNModel
import OVSDB

/// The two databases the agent watches, read into plain values: the node's Open_vSwitch (its chassis name, its
/// integration bridge, its interfaces' MTUs) and the OVN Southbound (port and datapath bindings, chassis rows,
/// `SB_Global.nb_cfg`). Replicas are thread-safe: reading one takes its lock for the copy only.
struct NodeReplicas: Sendable {
    let ovs: Replica
    let sb: Replica
    /// This node's chassis name.
    let chassis: String

    /// What the agent monitors of the Open_vSwitch database (only the columns it reads: interface statistics
    /// and `cur_cfg` change all the time and must not wake it).
    static let ovsTables = [
        MonitorRequest(VSwitch.OpenVSwitch.table, columns: ["external_ids"]),
        MonitorRequest(VSwitch.Interface.table, columns: ["name", "external_ids", "mtu", "mtu_request"]),
    ]

    /// What the agent monitors of the Southbound.
    static let sbTables = [
        MonitorRequest(SB.Chassis.table, columns: ["name", "hostname"]),
        MonitorRequest(SB.ChassisPrivate.table, columns: ["name", "chassis", "external_ids", "nb_cfg"]),
        MonitorRequest(SB.PortBinding.table, columns: ["logical_port", "type", "datapath", "chassis", "additional_chassis", "mac", "external_ids"]),
        MonitorRequest(SB.DatapathBinding.table, columns: ["external_ids"]),
        MonitorRequest("SB_Global", columns: ["nb_cfg"]),
    ]

    /// Indexes for the lookups by name.
    static let sbIndexes = [ReplicaIndex(SB.Chassis.table, "name"), ReplicaIndex(SB.ChassisPrivate.table, "name")]

    /// The node's `Open_vSwitch` external_ids (empty before the first row).
    static func ovsExternalIDs(_ ovs: Replica) -> [String: String] {
        ovs.all(VSwitch.OpenVSwitch.self).first?.externalIDs ?? [:]
    }

    /// The view a reconcile or a lookup works from.
    func view() -> SouthboundView {
        var mtus: [String: Int] = [:]
        for interface in ovs.all(VSwitch.Interface.self) {
            guard let iface = interface.externalIDs["iface-id"], let mtu = interface.mtuRequest ?? interface.mtu else { continue }
            mtus[iface] = min(mtus[iface] ?? .max, mtu)
        }
        return SouthboundView(chassis: sb.find(SB.Chassis.self, where: SB.Chassis.Column.name, is: chassis).first?.uuid,
                              ports: sb.all(SB.PortBinding.self), datapaths: sb.all(SB.DatapathBinding.self), interfaceMTUs: mtus)
    }

    /// This chassis' `Chassis_Private` row, once ovn-controller has made it.
    func chassisPrivate() -> SB.ChassisPrivate? {
        sb.find(SB.ChassisPrivate.self, where: SB.ChassisPrivate.Column.name, is: chassis).first
    }

    /// `SB_Global.nb_cfg` (ovn-northd copies NB_Global's there), 0 before northd has written it.
    func southboundConfiguration() -> Int {
        sb.rows("SB_Global").first?["nb_cfg"]?.integer ?? 0
    }
}
