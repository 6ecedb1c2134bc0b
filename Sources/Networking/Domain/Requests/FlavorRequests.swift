/// `POST`/`PUT /v2.0/flavors`, typed.
struct FlavorRequest: Sendable, Equatable {
    var name: String?
    var description: String?
    var serviceType: String?
    var enabled: Bool?
}

/// `POST`/`PUT /v2.0/service_profiles`, typed.
struct ServiceProfileRequest: Sendable, Equatable {
    var description: String?
    var driver: String?
    var enabled: Bool?
    var metainfo: String?
}
