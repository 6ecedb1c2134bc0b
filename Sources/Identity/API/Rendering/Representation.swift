import Foundation
import OpenStackAPI

/// The JSON shapes of identity resources, as Keystone returns them.
enum Representation {
    static func link(_ base: String, _ path: String) -> JSON { ["self": .string("\(base)/v3/\(path)")] }

    static func domain(_ d: DomainRow, _ base: String) -> JSONObject {
        ["id": .string(d.id), "name": .string(d.name), "description": .string(d.description), "enabled": .bool(d.enabled),
         "tags": [], "options": [:], "links": link(base, "domains/\(d.id)")]
    }

    static func project(_ p: ProjectRow, _ base: String) -> JSONObject {
        ["id": .string(p.id), "name": .string(p.name), "domain_id": .string(p.domainId), "description": .string(p.description),
         "enabled": .bool(p.enabled), "parent_id": .string(p.domainId), "is_domain": false,
         "tags": .array(tags(p.tags).map(JSON.string)), "options": [:], "links": link(base, "projects/\(p.id)")]
    }

    static func user(_ u: UserRow, _ base: String) -> JSONObject {
        var o: JSONObject = [:]
        if let extra = try? JSONParser.parse(Array(u.extra.utf8)).object { o = extra }
        for (k, v) in ["id": JSON.string(u.id), "name": .string(u.name), "domain_id": .string(u.domainId), "enabled": .bool(u.enabled),
                       "default_project_id": .optional(u.defaultProjectId), "password_expires_at": .null, "options": [:],
                       "links": link(base, "users/\(u.id)")] as JSONObject {
            o[k] = v
        }
        return o
    }

    static func role(_ r: RoleRow, _ base: String) -> JSONObject {
        let immutable = Role(rawValue: r.name) != nil
        return ["id": .string(r.id), "name": .string(r.name), "domain_id": .null, "description": .optional(r.description),
                "options": immutable ? ["immutable": true] : [:], "links": link(base, "roles/\(r.id)")]
    }

    static func region(_ r: RegionRow, _ base: String) -> JSONObject {
        ["id": .string(r.id), "description": .string(r.description), "parent_region_id": .optional(r.parentRegionId),
         "links": link(base, "regions/\(r.id)")]
    }

    static func service(_ s: ServiceRow, _ base: String) -> JSONObject {
        ["id": .string(s.id), "type": .string(s.type), "name": .string(s.name), "description": .string(s.description),
         "enabled": .bool(s.enabled), "links": link(base, "services/\(s.id)")]
    }

    static func endpoint(_ e: EndpointRow, _ base: String) -> JSONObject {
        ["id": .string(e.id), "service_id": .string(e.serviceId), "interface": .string(e.interface), "region_id": .optional(e.regionId),
         "region": .optional(e.regionId), "url": .string(e.url), "enabled": .bool(e.enabled), "links": link(base, "endpoints/\(e.id)")]
    }

    static func tags(_ stored: String) -> [String] { stored.split(separator: ",").map(String.init) }
}
