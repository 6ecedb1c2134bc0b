/// `POST /v3/projects`, typed.
struct ProjectCreate: Sendable {
    var name: String
    var domainID: String?
    var parentID: String?
    var isDomain: Bool?
    var description: String?
    var enabled: Bool?
    var tags: [String]?
}

/// `PATCH /v3/projects/{id}`, typed: only what was sent.
struct ProjectUpdate: Sendable {
    var name: String?
    var description: String?
    var enabled: Bool?
    var tags: [String]?
}
