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
            case .modify(_, let old, let new) where old[LSP.Column.up] != new[LSP.Column.up]: await note(new, report)
            default: break
            }
        }
    }

    /// Reads just the two columns (a whole-row decode on every port event would cost far more).
    private func note(_ row: Row, _ report: @Sendable (String, Bool) async -> Void) async {
        guard let name = row[LSP.Column.name]?.string else { return }
        await report(name, row[LSP.Column.up]?.boolean == true)
    }

    private typealias LSP = NB.LogicalSwitchPort
}
