import Foundation
import OpenStackAPI

/// `{"rbac_policy": {...}}` bodies → typed requests, checked as Neutron's `rbac-policies` attribute map does.
enum RBACPolicyDecoding {
    static let rules: [String: Attributes.Rule] = [
        "object_type": .init(post: true, put: false), "object_id": .init(post: true, put: false),
        "target_tenant": .init(post: true, put: true), "action": .init(post: true, put: false),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]

    static func create(_ body: JSONObject) throws(NetworkingError) -> RBACPolicyCreate {
        let a = try Attributes(body, resource: "rbac_policy", rules: rules, create: true)
        func required(_ key: String, maxLength: Int = 255) throws(NetworkingError) -> String {
            guard let value = try a.string(key, maxLength: maxLength) else {
                throw .badRequest("Failed to parse request. Required attribute '\(key)' not specified")
            }
            return value
        }
        // Neutron's convert_valid_object_type: trimmed and lowercased before it is looked up.
        let typeText = try required("object_type")
        guard let type = RBACPolicy.ObjectType(rawValue: typeText.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw .invalidInput("'\(typeText)' is not a valid RBAC object type")
        }
        let objectID = try required("object_id")
        guard UUID(uuidString: objectID) != nil else {
            throw .badRequest("Invalid input for object_id. Reason: '\(objectID)' is not a valid UUID.")
        }
        let target = try required("target_tenant")
        return RBACPolicyCreate(owner: try a.owner, objectType: type, objectID: objectID, action: try required("action"), targetProject: target)
    }

    /// The one attribute an update may change: `target_tenant`.
    static func update(_ body: JSONObject) throws(NetworkingError) -> String? {
        let a = try Attributes(body, resource: "rbac_policy", rules: rules, create: false)
        return try a.string("target_tenant")
    }
}
