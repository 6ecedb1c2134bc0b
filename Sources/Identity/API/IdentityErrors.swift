import OpenStackAPI

/// Domain errors on the wire, in Keystone's shape: `{"error": {"code", "message", "title"}}`.
extension IdentityError: APIErrorConvertible {
    var apiError: APIError { APIError(status: status, message: message) }

    var status: Int {
        switch kind {
        case .badRequest: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .notImplemented: 501
        }
    }
}
