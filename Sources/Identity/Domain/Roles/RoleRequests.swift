/// `POST /v3/roles`, typed.
struct RoleCreate: Sendable {
    var name: String
    var description: String?
}

/// `PATCH /v3/roles/{id}`, typed: only what was sent.
struct RoleUpdate: Sendable {
    var name: String?
    var description: String?
}
