/// One entry of a version discovery document (`GET /` and `GET /v3`).
public struct APIVersion: Sendable {
    /// e.g. `v3.14`.
    public var id: String
    /// e.g. `stable` (Keystone) or `CURRENT` (Neutron, Nova).
    public var status: String
    /// ISO date of the last change, when the service publishes one.
    public var updated: String?
    /// Path of the versioned root relative to the base URL, e.g. `/v3/`.
    public var path: String
    /// The media type (`application/vnd.openstack.identity-v3+json`), when published.
    public var mediaType: String?
    /// Service-specific members (e.g. Nova's `version`, `min_version`).
    public var extra: JSONObject

    /// A version entry.
    public init(id: String, status: String, updated: String? = nil, path: String, mediaType: String? = nil, extra: JSONObject = JSONObject()) {
        self.id = id
        self.status = status
        self.updated = updated
        self.path = path
        self.mediaType = mediaType
        self.extra = extra
    }

    /// The JSON object of this version for a base URL like `http://127.0.0.1:5000`.
    public func json(baseURL: String) -> JSON {
        var obj: JSONObject = ["id": .string(id), "status": .string(status)]
        if let updated { obj["updated"] = .string(updated) }
        obj["links"] = [["rel": "self", "href": .string(baseURL + path)]]
        if let mediaType { obj["media-types"] = [["base": "application/json", "type": .string(mediaType)]] }
        for (k, v) in extra { obj[k] = v }
        return .object(obj)
    }
}
