import OVNModel
import OVSDB

/// The agent's entry in its chassis' `Chassis_Private.external_ids`, by which Networking lists it as an
/// "OVN Metadata agent": its id, its bridge, and the `nb_cfg` it has caught up with (kept equal to
/// `SB_Global.nb_cfg`; Networking calls the agent alive while that is within one of `NB_Global.nb_cfg`).
/// Leftover keys of a neutron-ovn-agent that ran on the chassis are removed, as Neutron's agent does.
struct ChassisRegistration: Sendable {
    static let agentIDKey = "neutron:ovn-metadata-id"
    static let bridgeKey = "neutron:ovn-bridge"
    static let configurationKey = "neutron:ovn-metadata-sb-cfg"
    static let leftoverKeys = ["neutron:ovn-neutron-agent-sb-cfg", "neutron:description-neutron-agent", "neutron:ovn-neutron-agent-id"]

    let client: OVSDBClient
    let identity: AgentIdentity
    let bridge: String

    /// The keys the row must have for `nbCfg`.
    func keys(nbCfg: Int) -> [String: String] {
        [Self.agentIDKey: identity.agentID.uuidString.lowercased(), Self.bridgeKey: bridge, Self.configurationKey: String(nbCfg)]
    }

    /// Writes the keys into `row` unless it has them already; answers whether it wrote.
    @discardableResult
    func sync(_ row: SB.ChassisPrivate, nbCfg: Int) async throws(MetadataAgentError) -> Bool {
        let want = keys(nbCfg: nbCfg)
        let stale = Self.leftoverKeys.filter { row.externalIDs[$0] != nil }
        guard let uuid = row.uuid, stale.isEmpty == false || want.contains(where: { row.externalIDs[$0.key] != $0.value }) else { return false }
        var txn = Transaction()
        txn.mutate(SB.ChassisPrivate.table, where: [.uuid(uuid)], [
            .delete(SB.ChassisPrivate.Column.externalIDs, .strings(Array(want.keys) + stale)),
            .insert(SB.ChassisPrivate.Column.externalIDs, .stringMap(want)),
        ])
        do { try await client.transact(txn) } catch {
            throw .southbound("could not register in Chassis_Private \(identity.chassis): \(error)")
        }
        return true
    }
}
