/// `POST /v2.0/trunks`, typed.
struct TrunkCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var name: String?
    var description: String?
    var adminStateUp: Bool?
    var portID: String?
    var subports: [SubportRequest] = []
}

/// `PUT /v2.0/trunks/{id}`, typed.
struct TrunkUpdate: Sendable, Equatable {
    var name: String?
    var description: String?
    var adminStateUp: Bool?
}

/// One entry of `sub_ports` (add: all three; remove: the port alone).
struct SubportRequest: Sendable, Equatable {
    var portID: String
    var segmentationType: String? = nil
    var segmentationID: Int? = nil
}
