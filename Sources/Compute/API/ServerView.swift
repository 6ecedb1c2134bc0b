import Foundation
import OpenStackAPI

/// Servers on the wire at 2.1, in one place: list items `{id, links, name}`, the detail with exactly tempest's
/// 2.1 keys (`OS-EXT-SRV-ATTR:*` for admins only, `fault` only in ERROR, `progress` only while building/active),
/// and the create answer `{id, links, OS-DCF:diskConfig, security_groups, adminPass}`.
enum ServerView {
    static func links(_ id: String, _ base: String) -> JSON {
        [["rel": "self", "href": .string("\(base)/v2.1/servers/\(id)")], ["rel": "bookmark", "href": .string("\(base)/servers/\(id)")]]
    }

    static func summary(_ i: Instance, base: String) -> JSON {
        ["id": .string(i.id), "links": links(i.id, base), "name": .string(i.name)]
    }

    /// As Nova, the create answer echoes the body's `security_groups` (even `[]`), or names `default` without one.
    static func created(_ i: Instance, requestedGroups: [String]?, adminPass: String, base: String) -> JSON {
        let groups: [JSON] = requestedGroups.map { $0.map { ["name": .string($0)] } } ?? [["name": "default"]]
        return ["id": .string(i.id), "links": links(i.id, base), "OS-DCF:diskConfig": "MANUAL",
                "security_groups": .array(groups), "adminPass": .string(adminPass)]
    }

    static func groups(_ i: Instance) -> [JSON] {
        i.securityGroups.isEmpty ? [["name": "default"]] : i.securityGroups.map { ["name": .string($0.name)] }
    }

    /// The 2.1 update/rebuild shape (tempest's `common_show_server`): no extension keys, plain addresses.
    static func basic(_ i: Instance, base: String) -> JSON {
        var body: JSONObject = [
            "id": .string(i.id), "name": .string(i.name), "status": .string(i.status),
            "tenant_id": .string(i.projectID), "user_id": .string(i.userID), "metadata": metadata(i.metadata),
            "hostId": .string(hostID(i)),
            "image": ["id": .string(i.imageID), "links": [["rel": "bookmark", "href": .string("\(base)/images/\(i.imageID)")]]],
            "flavor": ["id": .string(i.flavor.id), "links": [["rel": "bookmark", "href": .string("\(base)/flavors/\(i.flavor.id)")]]],
            "created": .string(ComputeClock.iso(i.createdAt)), "updated": .string(ComputeClock.iso(i.updatedAt)),
            "addresses": addresses(i, extended: false), "accessIPv4": .string(i.accessIPv4), "accessIPv6": .string(i.accessIPv6), "links": links(i.id, base),
            "OS-DCF:diskConfig": "MANUAL",
        ]
        if ["ACTIVE", "BUILD", "REBUILD"].contains(i.status) { body["progress"] = .int(i.status == "ACTIVE" ? 100 : 0) }
        if i.vmState == .error, let fault = i.fault {
            body["fault"] = ["code": .int(fault.code), "created": .string(ComputeClock.iso(fault.created)), "message": .string(fault.message)]
        }
        return .object(body)
    }

    /// The 2.1 show/detail shape (tempest's `server_detail`); `OS-EXT-SRV-ATTR:*` and fault details for admins only.
    static func detail(_ i: Instance, base: String, admin: Bool) -> JSON {
        var body = basic(i, base: base).object ?? [:]
        body["addresses"] = addresses(i, extended: true)
        let extra: JSONObject = [
            "OS-EXT-AZ:availability_zone": .string(i.availabilityZone ?? "nova"),
            "config_drive": "", "key_name": .optional(i.keyName),
            "OS-SRV-USG:launched_at": i.launchedAt.map { .string(ComputeClock.oslo($0)) } ?? .null,
            "OS-SRV-USG:terminated_at": .null,
            "OS-EXT-STS:task_state": .optional(i.taskState), "OS-EXT-STS:vm_state": .string(i.vmState.rawValue),
            "OS-EXT-STS:power_state": .int(i.powerState), "os-extended-volumes:volumes_attached": [],
        ]
        for (key, value) in extra { body[key] = value }
        // An instance with no group left (all removed) shows no key at all, as Nova does.
        if i.vmState != .error, !i.securityGroups.isEmpty { body["security_groups"] = .array(groups(i)) }
        if admin, i.vmState == .error, let details = i.fault?.details, var fault = body["fault"]?.object {
            fault["details"] = .string(details)
            body["fault"] = .object(fault)
        }
        if admin {
            body["OS-EXT-SRV-ATTR:host"] = .optional(i.host)
            body["OS-EXT-SRV-ATTR:hypervisor_hostname"] = .optional(i.host)
            body["OS-EXT-SRV-ATTR:instance_name"] = .string("instance-" + i.id.prefix(8))
        }
        return .object(body)
    }

    /// sha224(project id + host) in hex, or "" without a host (Nova's `hostId`).
    static func hostID(_ i: Instance) -> String {
        guard let host = i.host else { return "" }
        return SHA224.hex(Array((i.projectID + host).utf8))
    }

    /// Addresses per network name; `extended` adds `OS-EXT-IPS:type` and `OS-EXT-IPS-MAC:mac_addr`.
    static func addresses(_ i: Instance, extended: Bool) -> JSON {
        .object(JSONObject(i.addresses.map { network in
            (network.network, .array(network.addresses.map { a in
                extended ? ["version": .int(a.version), "addr": .string(a.addr), "OS-EXT-IPS:type": .string(a.type),
                            "OS-EXT-IPS-MAC:mac_addr": .string(a.mac)]
                    : ["version": .int(a.version), "addr": .string(a.addr)]
            }))
        }))
    }

    static func metadata(_ m: [String: String]) -> JSON {
        .object(JSONObject(m.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))
    }
}
