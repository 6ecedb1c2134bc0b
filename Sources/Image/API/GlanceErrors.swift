import OpenStackAPI

/// Domain errors on the wire, in Glance's (webob's) shape: `{"code": "404 Not Found", "title": …, "message": …}`.
extension ImageError: APIErrorConvertible {
    public var apiError: APIError { APIError(status: status, message: message) }

    var status: Int {
        switch kind {
        case .badRequest: 400
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .tooLarge: 413
        case .unsupportedMediaType: 415
        case .internalError: 500
        }
    }
}
