/// An attribute of an update that may be left out, sent as null, or sent with a value (Neutron treats
/// the three differently: `gateway_ip: null` removes the gateway, leaving it out keeps it).
enum Sent<Value: Sendable & Equatable>: Sendable, Equatable {
    case absent
    case null
    case value(Value)

    /// The value, when one was sent.
    var value: Value? { if case .value(let v) = self { v } else { nil } }
    /// Whether the attribute was in the body at all.
    var isSent: Bool { self != .absent }
}

/// The owner a create names (`project_id`, or the older `tenant_id`); both may be sent if they agree.
struct OwnerRequest: Sendable, Equatable {
    var projectID: String?
    var tenantID: String?

    /// The owner fields as sent.
    init(projectID: String? = nil, tenantID: String? = nil) {
        self.projectID = projectID
        self.tenantID = tenantID
    }
}
