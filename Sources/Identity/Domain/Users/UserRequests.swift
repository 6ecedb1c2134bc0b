import OpenStackAPI

/// `POST /v3/users`, typed.
struct UserCreate: Sendable {
    var name: String
    var domainID: String?
    var password: String?
    var enabled: Bool?
    var defaultProjectID: String?
    /// Members that are not user columns (e.g. `email`), kept and echoed.
    var extra: JSONObject
}

/// `PATCH /v3/users/{id}`, typed: only what was sent.
struct UserUpdate: Sendable {
    var name: String?
    var enabled: Bool?
    /// Present when the body named `default_project_id` (the inner nil clears it).
    var defaultProjectID: String??
    var password: String?
    /// Extra members to merge into the stored ones.
    var extra: JSONObject
}

/// `POST /v3/users/{id}/password`, typed.
struct PasswordChange: Sendable {
    var original: String
    var new: String
}
