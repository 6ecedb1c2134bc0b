/// An event Networking sends Compute about an instance's port (`os-server-external-events`), as Neutron's
/// Nova notifier does.
struct ServerEvent: Sendable, Hashable {
    /// `network-vif-plugged`, `network-vif-unplugged`, `network-vif-deleted` or `network-changed`.
    var name: String
    /// The instance (the port's `device_id`).
    var serverID: String
    /// `completed` or `failed`.
    var status: String = "completed"
    /// The port.
    var tag: String

    /// The events a committed batch implies, from the ports and floating IPs it replaced and the state after it:
    /// a compute port turning ACTIVE is plugged, one turning DOWN from ACTIVE is unplugged, a deleted one is
    /// deleted; changed fixed IPs, or a floating IP moving to or from a port, change that instance's network.
    static func derive(_ batch: Batch, oldPorts: [Port], oldFloatingIPs: [FloatingIP], state: NetworkingState) -> [ServerEvent] {
        var events: [ServerEvent] = []
        let old = Dictionary(oldPorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for port in batch.ports where isInstancePort(port) {
            guard let before = old[port.id] else { continue }
            if before.status != "ACTIVE" && port.status == "ACTIVE" {
                events.append(ServerEvent(name: "network-vif-plugged", serverID: port.deviceID, tag: port.id))
            } else if before.status == "ACTIVE" && port.status == "DOWN" {
                events.append(ServerEvent(name: "network-vif-unplugged", serverID: port.deviceID, tag: port.id))
            }
            if before.fixedIPs != port.fixedIPs || before.deviceID != port.deviceID {
                events.append(ServerEvent(name: "network-changed", serverID: port.deviceID, tag: port.id))
            }
        }
        for id in batch.deletedPorts {
            guard let port = old[id], isInstancePort(port) else { continue }
            events.append(ServerEvent(name: "network-vif-deleted", serverID: port.deviceID, tag: port.id))
        }
        let oldFIPs = Dictionary(oldFloatingIPs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var moved = Set<String>()
        for fip in batch.floatingIPs where oldFIPs[fip.id]?.portID != fip.portID || oldFIPs[fip.id]?.fixedIP != fip.fixedIP {
            if let p = fip.portID { moved.insert(p) }
            if let p = oldFIPs[fip.id]?.portID { moved.insert(p) }
        }
        for id in batch.deletedFloatingIPs { if let p = oldFIPs[id]?.portID { moved.insert(p) } }
        for id in moved.sorted() where !batch.deletedPorts.contains(id) {
            guard let port = state.ports[id], isInstancePort(port) else { continue }
            events.append(ServerEvent(name: "network-changed", serverID: port.deviceID, tag: port.id))
        }
        var seen = Set<ServerEvent>()
        return events.filter { seen.insert($0).inserted }
    }

    /// Neutron notifies only for ports an instance owns: a `compute:` owner and a UUID-like device id.
    static func isInstancePort(_ port: Port) -> Bool {
        port.deviceOwner.hasPrefix("compute:") && port.deviceID.count == 36 && port.deviceID.split(separator: "-").count == 5
    }
}

