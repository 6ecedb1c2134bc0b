import OVNModel
import OVSDB

/// Port status from OVN: when ovn-controller binds a port northd sets `Logical_Switch_Port.up`, and
/// the port turns ACTIVE; when the port goes away from its chassis it turns DOWN again.
extension NetworkingCore {
    /// Follows the replica's Logical_Switch_Port changes until cancelled; brings every port in line first.
    public func watchPortStatus() async {
        let events = nb.replica.events()
        for row in nb.replica.rows(NB.LogicalSwitchPort.table) { await noteStatus(row) }
        for await event in events {
            guard event.table == NB.LogicalSwitchPort.table else { continue }
            switch event {
            case .insert(_, let row): await noteStatus(row)
            case .modify(_, let old, let new) where old["up"] != new["up"]: await noteStatus(new)
            default: break
            }
        }
    }

    private func noteStatus(_ row: Row) async {
        guard let name = row["name"]?.string, state.ports[name] != nil else { return }
        await setStatus(port: name, up: row["up"]?.boolean == true)
    }
}
