import Foundation
import OpenStackAPI

/// Trunks as Neutron's trunk plugin checks them and ML2/OVN's trunk driver sets their subports up: a parent port
/// in no other trunk, subports that are unused ports on VLANs unique within the trunk, no larger MTU than the
/// parent's; a subport becomes `trunk:subport`, bound where its parent is, with `parent_name`/`tag` in its profile.
extension NetworkingRules {
    func createTrunk(_ r: TrunkCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<Trunk> {
        let project = try owningProject(r.owner, auth)
        guard let portID = r.portID else { throw .badRequest("Failed to parse request. Required attribute 'port_id' not specified") }
        let parent = try state.ownPort(portID, auth)
        if state.trunkOfSubport[portID] != nil { throw Self.inUse("TrunkPortInUse", "Port \(portID) is in use by another trunk.") }
        if state.trunkOfParent[portID] != nil { throw Self.parentInUse(portID) }
        var trunk = Trunk(id: ids.make(.trunk), projectID: project, name: r.name ?? "", adminStateUp: r.adminStateUp ?? true, portID: portID,
                          subports: [], std: StandardAttributes(revision: 0, description: r.description ?? ""))
        var batch = Batch()
        batch.ports = try attach(r.subports, to: &trunk, parent: parent, auth)
        batch.trunks = [trunk]
        return Decision(batch: batch, result: trunk)
    }

    func updateTrunk(_ id: String, _ r: TrunkUpdate, _ auth: AuthContext) throws(NetworkingError) -> Decision<Trunk> {
        var trunk = try state.ownTrunk(id, auth)
        if let v = r.name { trunk.name = v }
        if let v = r.description { trunk.std.description = v }
        if let v = r.adminStateUp { trunk.adminStateUp = v }
        trunk.std.bump()
        var batch = Batch()
        batch.trunks = [trunk]
        return Decision(batch: batch, result: trunk)
    }

    /// Deletes a trunk (ML2/OVN can untrunk a bound parent); its subports become plain ports again.
    func deleteTrunk(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        let trunk = try state.ownTrunk(id, auth)
        guard trunk.adminStateUp else { throw Self.disabled(id) }
        var batch = Batch()
        batch.ports = trunk.subports.compactMap { state.ports[$0.portID] }.map(Self.detached)
        batch.deletedTrunks = [id]
        return Decision(batch: batch, result: ())
    }

    /// `add_subports`: all of them, or none.
    func addSubports(_ id: String, _ subports: [SubportRequest], _ auth: AuthContext) throws(NetworkingError) -> Decision<Trunk> {
        var trunk = try state.ownTrunk(id, auth)
        guard trunk.adminStateUp else { throw Self.disabled(id) }
        guard let parent = state.ports[trunk.portID] else { throw .notFound(.port, trunk.portID) }
        var batch = Batch()
        batch.ports = try attach(subports, to: &trunk, parent: parent, auth)
        trunk.std.bump()
        batch.trunks = [trunk]
        return Decision(batch: batch, result: trunk)
    }

    /// `remove_subports`: each must be one of the trunk's (404 `SubPortNotFound`).
    func removeSubports(_ id: String, _ subports: [SubportRequest], _ auth: AuthContext) throws(NetworkingError) -> Decision<Trunk> {
        var trunk = try state.ownTrunk(id, auth)
        guard trunk.adminStateUp else { throw Self.disabled(id) }
        var batch = Batch()
        for s in subports {
            guard trunk.subports.contains(where: { $0.portID == s.portID }) else {
                throw NetworkingError(.notFound, "SubPortNotFound", "SubPort \(s.portID) on trunk \(id) could not be found.")
            }
            trunk.subports.removeAll { $0.portID == s.portID }
            if let p = state.ports[s.portID] { batch.ports.append(Self.detached(p)) }
        }
        trunk.std.bump()
        batch.trunks = [trunk]
        return Decision(batch: batch, result: trunk)
    }

    /// The subports of a trunk's parent that moves to `host`, moved with it (ML2/OVN binds them where the parent is).
    func subportsFollow(_ parent: Port) -> [Port] {
        guard let trunk = state.trunkOfParent[parent.id].flatMap({ state.trunks[$0] }) else { return [] }
        return trunk.subports.compactMap { state.ports[$0.portID] }.filter { $0.hostID != parent.hostID }.map { p in
            var p = p
            p.hostID = parent.hostID
            return p
        }
    }

    /// Checks new subports as Neutron's `SubPortsValidator` does and makes their ports subports of `trunk`.
    private func attach(_ requests: [SubportRequest], to trunk: inout Trunk, parent: Port, _ auth: AuthContext) throws(NetworkingError) -> [Port] {
        var ports: [Port] = []
        let parentMTU = state.networks[parent.networkID]?.mtu ?? 0
        for r in requests {
            guard let type = r.segmentationType, let segmentationID = r.segmentationID else {
                throw .invalidInput("Invalid subport details '\(r.portID)': missing segmentation information. Must specify both segmentation_id and segmentation_type")
            }
            // ML2/OVN's trunk driver carries VLANs only.
            guard type == "vlan" else { throw .invalidInput("Unknown segmentation_type '\(type)'") }
            guard (1...4094).contains(segmentationID) else { throw .invalidInput("Segmentation ID '\(segmentationID)' is not in range") }
            if r.portID == trunk.portID || state.trunkOfParent[r.portID] != nil { throw Self.parentInUse(r.portID) }
            var port = try state.ownPort(r.portID, auth)
            if state.trunkOfSubport[r.portID] != nil || trunk.subports.contains(where: { $0.portID == r.portID }) {
                throw Self.inUse("TrunkPortInUse", "Port \(r.portID) is in use by another trunk.")
            }
            if !port.deviceID.isEmpty || !port.deviceOwner.isEmpty {
                throw Self.inUse("PortInUse", "Unable to complete operation on port \(port.id) for network \(port.networkID). Port already has an attached device \(port.deviceID).")
            }
            if let mtu = state.networks[port.networkID]?.mtu, mtu > parentMTU {
                throw .conflict("SubPortMtuGreaterThanTrunkPortMtu",
                                "MTU \(mtu) of subport \(port.id) cannot be greater than MTU \(parentMTU) of trunk \(trunk.id).")
            }
            if trunk.subports.contains(where: { $0.segmentationType == type && $0.segmentationID == segmentationID }) {
                throw Self.inUse("DuplicateSubPort",
                                 "segmentation_type \(type) and segmentation_id \(segmentationID) already in use on trunk \(trunk.id).")
            }
            trunk.subports.append(.init(portID: port.id, segmentationType: type, segmentationID: segmentationID))
            port.deviceOwner = DeviceOwner.trunkSubport
            port.status = parent.status
            port.hostID = parent.hostID
            port.profile = Self.profile(port.profile) { $0["parent_name"] = .string(parent.id); $0["tag"] = .int(segmentationID) }
            port.std.bump()
            ports.append(port)
        }
        return ports
    }

    /// A subport made a plain port again: no owner, no parent in its profile, unbound and down (ML2/OVN's
    /// `_unset_binding_profile`).
    private static func detached(_ p: Port) -> Port {
        var p = p
        p.deviceOwner = ""
        p.hostID = ""
        p.status = "DOWN"
        p.profile = profile(p.profile) { $0["parent_name"] = nil; $0["tag"] = nil }
        p.std.bump()
        return p
    }

    /// A `binding:profile` (JSON text) with `change` applied.
    private static func profile(_ text: String, _ change: (inout JSONObject) -> Void) -> String {
        var object = (try? JSONParser.parse(Array(text.utf8)))?.object ?? [:]
        change(&object)
        return String(decoding: JSON.object(object).bytes, as: UTF8.self)
    }

    private static func inUse(_ type: String, _ message: String) -> NetworkingError { .conflict(type, message) }

    private static func parentInUse(_ port: String) -> NetworkingError {
        inUse("ParentPortInUse", "Port \(port) is currently in use and is not eligible for use as a parent port.")
    }

    private static func disabled(_ id: String) -> NetworkingError { .conflict("TrunkDisabled", "Trunk \(id) is currently disabled.") }
}

extension NetworkingState {
    /// A trunk of the caller's project (admins: any), else 404 `TrunkNotFound`.
    func ownTrunk(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Trunk {
        guard let t = trunks[id], owns(t.projectID, auth) else {
            throw NetworkingError(.notFound, "TrunkNotFound", "Trunk \(id) could not be found.")
        }
        return t
    }

    /// The VLAN child a subport is in OVN: its parent port and tag.
    func trunkChild(_ port: String) -> (parent: String, tag: Int)? {
        guard let t = trunkOfSubport[port].flatMap({ trunks[$0] }), let s = t.subports.first(where: { $0.portID == port }) else { return nil }
        return (t.portID, s.segmentationID)
    }
}
