/// `POST /v3/domains`, typed.
struct DomainCreate: Sendable {
    var name: String
    var description: String?
    var enabled: Bool?
}

/// `PATCH /v3/domains/{id}`, typed: only what was sent.
struct DomainUpdate: Sendable {
    var name: String?
    var description: String?
    var enabled: Bool?
}
