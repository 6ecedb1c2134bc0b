/// `POST /v3/regions` or `PUT /v3/regions/{id}`, typed.
struct RegionCreate: Sendable {
    var id: String?
    var description: String?
    var parentRegionID: String?
}

/// `PATCH /v3/regions/{id}`, typed: only what was sent.
struct RegionUpdate: Sendable {
    var description: String?
    /// Present when the body named `parent_region_id` (the inner nil clears it).
    var parentRegionID: String??
}

/// `POST /v3/services` / `PATCH /v3/services/{id}`, typed: only what was sent (a create requires `type`).
struct ServiceFields: Sendable {
    var type: String?
    var name: String?
    var description: String?
    var enabled: Bool?
}

/// `POST /v3/endpoints` / `PATCH /v3/endpoints/{id}`, typed: only what was sent (a create requires interface, service and url).
struct EndpointFields: Sendable {
    var interface: String?
    var serviceID: String?
    var regionID: String?
    var url: String?
    var enabled: Bool?
}
