import Foundation
import OpenStackAPI

/// The `{"token": {...}}` body of issue and validate answers, members in Keystone's order.
enum TokenRenderer {
    static func body(_ t: ResolvedToken, catalog: JSON?) -> JSON {
        var token: JSONObject = [
            "methods": .array(t.row.methods.split(separator: ",").map { .string(String($0)) }),
            "user": ["domain": ["id": .string(t.userDomain.id), "name": .string(t.userDomain.name)],
                     "id": .string(t.user.id), "name": .string(t.user.name), "password_expires_at": .null],
            "audit_ids": .array(t.row.auditIds.split(separator: ",").map { .string(String($0)) }),
            "expires_at": .string(Timestamp.keystone(Date(timeIntervalSince1970: t.row.expiresAt))),
            "issued_at": .string(Timestamp.keystone(Date(timeIntervalSince1970: t.row.issuedAt))),
        ]
        if let project = t.project, let domain = t.projectDomain {
            token["project"] = ["domain": ["id": .string(domain.id), "name": .string(domain.name)],
                                "id": .string(project.id), "name": .string(project.name)]
            token["is_domain"] = false
        } else if let domain = t.domain {
            token["domain"] = ["id": .string(domain.id), "name": .string(domain.name)]
        }
        if t.project != nil || t.domain != nil || t.row.system {
            token["roles"] = .array(t.roles.map { ["id": .string($0.id), "name": .string($0.name)] })
            if t.row.system { token["system"] = ["all": true] }
            if let catalog { token["catalog"] = catalog }
        }
        return ["token": .object(token)]
    }
}
