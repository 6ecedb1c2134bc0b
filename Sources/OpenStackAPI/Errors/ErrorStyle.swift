/// How a service spells its error bodies.
public enum ErrorStyle: Sendable {
    /// Keystone: `{"error": {"code", "message", "title"}}`.
    case keystone
    /// Neutron: `{"NeutronError": {"type", "message", "detail"}}`.
    case neutron
    /// Nova: `{"<camelCaseTitle>": {"code", "message"}}` (e.g. `itemNotFound`).
    case nova
    /// Glance (webob's JSON faults): `{"code": "404 Not Found", "title": "Not Found", "message"}`.
    case glance

    /// The error body for an ``APIError``.
    public func body(for error: APIError) -> JSON {
        switch self {
        case .keystone:
            return ["error": ["code": .int(error.status), "message": .string(error.message), "title": .string(error.title)]]
        case .neutron:
            return ["NeutronError": ["type": .string(error.type ?? error.title.replacingOccurrences(of: " ", with: "")),
                                     "message": .string(error.message), "detail": ""]]
        case .glance:
            return ["code": .string("\(error.status) \(error.title)"), "title": .string(error.title), "message": .string(error.message)]
        case .nova:
            let key = error.type ?? Self.novaKey(error.status)
            let inner: JSON = ["code": .int(error.status), "message": .string(error.message)]
            return .object(JSONObject([(key, inner)]))
        }
    }

    private static func novaKey(_ status: Int) -> String {
        switch status {
        case 400: "badRequest"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "itemNotFound"
        case 409: "conflictingRequest"
        default: "computeFault"
        }
    }
}
