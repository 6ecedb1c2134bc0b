public import struct Foundation.UUID
import Crypto
import Foundation

/// Who the agent is in the SB, as Neutron's OVN metadata agent derives it: the chassis is the node's
/// `Open_vSwitch external_ids:system-id`; the agent id is `uuid5(chassis_id, "metadata_agent")`, where
/// `chassis_id` is the system-id itself when it is a UUID, else `uuid5(d34bf9f6-…-15a4626b41ab, system-id)`.
public struct AgentIdentity: Sendable, Hashable {
    /// Neutron's namespace for chassis names that are not UUIDs (`OVN_METADATA_UUID_NAMESPACE`).
    public static let chassisNamespace = UUID(uuidString: "d34bf9f6-da32-4871-9af8-15a4626b41ab")!

    /// The chassis name (SB `Chassis.name`, `Chassis_Private.name`).
    public let chassis: String
    /// The chassis as a UUID.
    public let chassisID: UUID
    /// The agent's id (`neutron:ovn-metadata-id`, the `id` Networking lists the agent under).
    public let agentID: UUID

    /// The identity of the agent of `systemID`.
    public init(systemID: String) {
        chassis = systemID
        chassisID = UUID(uuidString: systemID) ?? Self.uuid5(namespace: Self.chassisNamespace, name: systemID)
        agentID = Self.uuid5(namespace: chassisID, name: "metadata_agent")
    }

    /// An RFC 4122 name-based (SHA-1, version 5) UUID, as Python's `uuid.uuid5(namespace, name)`.
    public static func uuid5(namespace: UUID, name: String) -> UUID {
        var input = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        input.append(contentsOf: Array(name.utf8))
        var bytes = Array(Insecure.SHA1.hash(data: input).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
