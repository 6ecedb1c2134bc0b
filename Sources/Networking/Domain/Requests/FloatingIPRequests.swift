/// `POST /v2.0/floatingips`, typed.
struct FloatingIPCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var floatingNetworkID: String?
    var floatingIPAddress: String?
    var subnetID: String?
    var portID: String?
    var fixedIPAddress: String?
    var description: String?

    /// An empty request.
    init() {}
}

/// `PUT /v2.0/floatingips/{id}`, typed.
struct FloatingIPUpdate: Sendable, Equatable {
    var description: String?
    /// A port to associate; null disassociates.
    var portID: Sent<String> = .absent
    var fixedIPAddress: String?

    /// An empty update.
    init() {}
}
