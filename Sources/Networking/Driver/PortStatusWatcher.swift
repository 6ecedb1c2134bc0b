import OVNModel
import OVSDB

/// Port status from OVN: when ovn-controller binds a port northd sets `Logical_Switch_Port.up`, and the port
/// turns ACTIVE; when the port goes away from its chassis it turns DOWN again.
struct PortStatusWatcher: Sendable {
    let nb: NBSync

    /// Follows the replica's Logical_Switch_Port changes until cancelled, reporting (port name, up) — every
    /// port once at the start, then each change of `up`.
    func run(_ report: @Sendable (String, Bool) async -> Void) async {
        let events = nb.replica.events()
        for row in nb.replica.rows(NB.LogicalSwitchPort.table) { await note(row, report) }
        for await event in events {
            guard event.table == NB.LogicalSwitchPort.table else { continue }
            switch event {
            case .insert(_, let row): await note(row, report)
            case .modify(_, let old, let new) where old["up"] != new["up"]: await note(new, report)
            default: break
            }
        }
    }

    private func note(_ row: Row, _ report: @Sendable (String, Bool) async -> Void) async {
        let port = NB.LogicalSwitchPort(row: row)
        await report(port.name, port.up == true)
    }
}
